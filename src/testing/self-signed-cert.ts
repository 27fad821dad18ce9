import { generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import {
  bitString,
  boolean,
  explicit,
  implicit,
  integer,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  utf8String,
} from './asn1-der.encoder';

/** A certificate and its key, PEM-encoded, for node:https. */
export interface SelfSignedCertificate {
  cert: string;
  key: string;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

function name(commonName: string): Buffer {
  return sequence(
    set(sequence(objectIdentifier(OID.organization), utf8String('nestjs-kakao-auth'))),
    set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))),
  );
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Builds the TBSCertificate of a self-signed X.509 v3 certificate for localhost / 127.0.0.1.
 * It is its own CA (basicConstraints cA) so a client can trust exactly this PEM via `ca`.
 */
export function tbsCertificate(publicKey: KeyObject, now = new Date()): Buffer {
  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const subject = name('KakaoEmulator localhost');
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // keyUsage bits: digitalSignature (bit 0) and keyCertSign (bit 5), 2 unused trailing bits.
  const keyUsage = Buffer.from([0x03, 0x02, 0x02, 0x84]);
  const extensions = sequence(
    extension(OID.basicConstraints, true, sequence(boolean(true))),
    extension(OID.keyUsage, true, keyUsage),
    extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
    extension(
      OID.subjectAltName,
      false,
      sequence(
        implicit(2, Buffer.from('localhost', 'ascii')),
        implicit(7, Buffer.from([127, 0, 0, 1])),
      ),
    ),
  );
  return sequence(
    explicit(0, integer(2)),
    integer(serial),
    algorithm,
    subject,
    sequence(
      time(new Date(now.getTime() - 3600_000)),
      time(new Date(now.getTime() + 365 * 86400_000)),
    ),
    subject,
    spki,
    explicit(3, extensions),
  );
}

/** A fresh P-256 key and a self-signed certificate for it, using node:crypto only. */
export async function createSelfSignedCertificate(): Promise<SelfSignedCertificate> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('ec', { namedCurve: 'P-256' });
  const tbs = tbsCertificate(publicKey);
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(
    tbs,
    sequence(objectIdentifier(OID.ecdsaWithSha256)),
    bitString(signature),
  );
  return {
    cert: pem('CERTIFICATE', certificate),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
