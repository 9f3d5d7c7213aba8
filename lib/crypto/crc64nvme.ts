/**
 * CRC-64/NVME (NVM Express spec, used by S3 as CRC64NVME): reflected polynomial 0x9A6C9329AC4BC9B5,
 * init and xorout all ones. The 64-bit state is kept as two 32-bit halves to avoid BigInt per byte.
 */
// The catalogue's polynomial is 0xAD93D23594C93659; a reflected (LSB-first) table needs it bit-reversed.
const POLY_HI = 0x9a6c9329 // bit-reversed polynomial, high half
const POLY_LO = 0xac4bc9b5

// Slice-by-8 (Kounavis and Berry): table k gives the CRC of byte n followed by k zero bytes, so eight bytes
// are folded per step with eight lookups per half instead of eight dependent steps. TABLE_x[k * 256 + n].
const TABLE_HI = new Uint32Array(8 * 256)
const TABLE_LO = new Uint32Array(8 * 256)
for (let n = 0; n < 256; n++) {
  let hi = 0
  let lo = n
  for (let k = 0; k < 8; k++) {
    const lsb = lo & 1
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0
    hi = hi >>> 1
    if (lsb) {
      hi = (hi ^ POLY_HI) >>> 0
      lo = (lo ^ POLY_LO) >>> 0
    }
  }
  TABLE_HI[n] = hi
  TABLE_LO[n] = lo
}
for (let k = 1; k < 8; k++) {
  for (let n = 0; n < 256; n++) {
    const hi = TABLE_HI[(k - 1) * 256 + n]!
    const lo = TABLE_LO[(k - 1) * 256 + n]!
    const i = lo & 0xff
    TABLE_LO[k * 256 + n] = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ TABLE_LO[i]!) >>> 0
    TABLE_HI[k * 256 + n] = ((hi >>> 8) ^ TABLE_HI[i]!) >>> 0
  }
}

/** Incremental CRC-64/NVME, for bodies that arrive in pieces. */
export class Crc64Nvme {
  private hi = 0xffffffff
  private lo = 0xffffffff

  update(data: Uint8Array): this {
    let hi = this.hi
    let lo = this.lo
    const T_HI = TABLE_HI
    const T_LO = TABLE_LO
    let n = 0
    const whole = data.length - (data.length % 8)
    for (; n < whole; n += 8) {
      const a = (lo ^ (data[n]! | (data[n + 1]! << 8) | (data[n + 2]! << 16) | (data[n + 3]! << 24))) >>> 0
      const b = (hi ^ (data[n + 4]! | (data[n + 5]! << 8) | (data[n + 6]! << 16) | (data[n + 7]! << 24))) >>> 0
      const i7 = 7 * 256 + (a & 0xff)
      const i6 = 6 * 256 + ((a >>> 8) & 0xff)
      const i5 = 5 * 256 + ((a >>> 16) & 0xff)
      const i4 = 4 * 256 + (a >>> 24)
      const i3 = 3 * 256 + (b & 0xff)
      const i2 = 2 * 256 + ((b >>> 8) & 0xff)
      const i1 = 256 + ((b >>> 16) & 0xff)
      const i0 = b >>> 24
      lo = (T_LO[i7]! ^ T_LO[i6]! ^ T_LO[i5]! ^ T_LO[i4]! ^ T_LO[i3]! ^ T_LO[i2]! ^ T_LO[i1]! ^ T_LO[i0]!) >>> 0
      hi = (T_HI[i7]! ^ T_HI[i6]! ^ T_HI[i5]! ^ T_HI[i4]! ^ T_HI[i3]! ^ T_HI[i2]! ^ T_HI[i1]! ^ T_HI[i0]!) >>> 0
    }
    for (; n < data.length; n++) {
      const i = (lo ^ data[n]!) & 0xff
      lo = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ T_LO[i]!) >>> 0
      hi = ((hi >>> 8) ^ T_HI[i]!) >>> 0
    }
    this.hi = hi
    this.lo = lo
    return this
  }

  digest(): Uint8Array {
    const out = new Uint8Array(8)
    new DataView(out.buffer).setUint32(0, ~this.hi >>> 0)
    new DataView(out.buffer).setUint32(4, ~this.lo >>> 0)
    return out
  }
}

export const crc64nvme = (data: Uint8Array): Uint8Array => new Crc64Nvme().update(data).digest()
