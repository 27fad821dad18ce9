import { X509Certificate } from 'node:crypto';
import { objectIdentifier, integer, time } from './asn1-der.encoder';
import { createSelfSignedCertificate } from './self-signed-cert';

describe('createSelfSignedCertificate', () => {
  it('produces a parseable, self-verifying certificate for localhost and 127.0.0.1', async () => {
    const { cert } = await createSelfSignedCertificate();
    const x509 = new X509Certificate(cert);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('example.com')).toBeUndefined();
    expect(x509.ca).toBe(true);
    expect(new Date(x509.validFrom).getTime()).toBeLessThan(Date.now());
    expect(new Date(x509.validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 86400_000);
  });
});

describe('DER encoders', () => {
  it('encodes object identifiers with base-128 arcs', () => {
    expect(objectIdentifier('1.2.840.10045.4.3.2').toString('hex')).toBe('06082a8648ce3d040302');
  });

  it('keeps integers positive and minimal', () => {
    expect(integer(Buffer.from([0x80])).toString('hex')).toBe('02020080');
    expect(integer(Buffer.from([0x00, 0x00, 0x7f])).toString('hex')).toBe('02017f');
  });

  it('switches to GeneralizedTime from 2050', () => {
    expect(time(new Date('2049-12-31T23:59:59Z'))[0]).toBe(0x17);
    expect(time(new Date('2050-01-01T00:00:00Z'))[0]).toBe(0x18);
  });
});
