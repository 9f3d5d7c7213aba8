/**
 * CRC-64/NVME (NVM Express spec, used by S3 as CRC64NVME): reflected polynomial 0x9A6C9329AC4BC9B5,
 * init and xorout all ones. The 64-bit state is kept as two 32-bit halves to avoid BigInt per byte.
 */
// The catalogue's polynomial is 0xAD93D23594C93659; a reflected (LSB-first) table needs it bit-reversed.
const POLY_HI = 0x9a6c9329 // bit-reversed polynomial, high half
const POLY_LO = 0xac4bc9b5

const TABLE_HI = new Uint32Array(256)
const TABLE_LO = new Uint32Array(256)
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

/** Incremental CRC-64/NVME, for bodies that arrive in pieces. */
export class Crc64Nvme {
  private hi = 0xffffffff
  private lo = 0xffffffff

  update(data: Uint8Array): this {
    let hi = this.hi
    let lo = this.lo
    for (let n = 0; n < data.length; n++) {
      const i = (lo ^ data[n]!) & 0xff
      lo = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ TABLE_LO[i]!) >>> 0
      hi = ((hi >>> 8) ^ TABLE_HI[i]!) >>> 0
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
