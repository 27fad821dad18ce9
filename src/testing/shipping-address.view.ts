import { apiErrorReply, jsonReply, type Reply } from './emulator-http';
import type { EmulatorShippingAddress, EmulatorUser } from './emulator-users';
import { idNumber } from './raw-json.writer';

function addressJson(address: EmulatorShippingAddress) {
  return {
    id: address.id,
    name: address.name,
    is_default: address.isDefault,
    updated_at: address.updatedAt,
    type: address.type,
    base_address: address.baseAddress,
    detail_address: address.detailAddress,
    receiver_name: address.receiverName,
    receiver_phone_number1: address.receiverPhoneNumber1,
    receiver_phone_number2: address.receiverPhoneNumber2,
    zone_number: address.zoneNumber,
    zip_code: address.zipCode,
  };
}

/** Kakao's order: the default address first, then by updated_at, newest first (reference §1.4). */
export function orderedAddresses(addresses: EmulatorShippingAddress[]): EmulatorShippingAddress[] {
  return [...addresses].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || b.updatedAt - a.updatedAt,
  );
}

/**
 * GET /v1/user/shipping_address. Without consent only the `_needs_agreement` flag comes back.
 * Paging: page_size (min 2, default 10); from_updated_at = the updated_at of the last address of
 * the previous page (0 = from the start); address_id picks one address.
 */
export function shippingAddressesView(user: EmulatorUser, params: Record<string, string>): Reply {
  const pageSize = params.page_size === undefined ? 10 : Number(params.page_size);
  const from = params.from_updated_at === undefined ? 0 : Number(params.from_updated_at);
  if (!Number.isInteger(pageSize) || pageSize < 2 || !Number.isInteger(from) || from < 0) {
    return apiErrorReply(400, -2, 'page_size must be at least 2 and from_updated_at a unix time');
  }
  if (!user.agreedScopes.includes('shipping_address')) {
    return jsonReply(200, { user_id: idNumber(user.id), shipping_addresses_needs_agreement: true });
  }
  let addresses = orderedAddresses(user.shippingAddresses);
  if (params.address_id !== undefined) {
    addresses = addresses.filter((address) => String(address.id) === params.address_id);
  } else if (from > 0) {
    const last = addresses.map((address) => address.updatedAt).lastIndexOf(from);
    addresses =
      last >= 0
        ? addresses.slice(last + 1)
        : addresses.filter((address) => !address.isDefault && address.updatedAt < from);
  }
  return jsonReply(200, {
    user_id: idNumber(user.id),
    shipping_addresses_needs_agreement: false,
    shipping_addresses: addresses.slice(0, pageSize).map(addressJson),
  });
}
