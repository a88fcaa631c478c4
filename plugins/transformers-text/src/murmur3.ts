const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3 x86 32-bit of `len` bytes, as a signed int32 (scikit-learn's `murmurhash3_32(..., positive=False)`). */
export function murmur3(bytes: Uint8Array, len: number, seed = 0): number {
  let h = seed | 0;
  const tail = len & ~3;
  for (let i = 0; i < tail; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (len & 3) {
    case 3: k ^= bytes[tail + 2] << 16; // falls through
    case 2: k ^= bytes[tail + 1] << 8; // falls through
    case 1:
      k ^= bytes[tail];
      k = Math.imul(k, C1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, C2);
      h ^= k;
  }
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/** MurmurHash3 of a string's UTF-8 bytes, reusing one buffer so hashing a token allocates nothing. */
export function murmur3String(s: string, seed = 0): number {
  // A UTF-16 unit is at most 3 UTF-8 bytes.
  if (s.length * 3 > scratch.length) scratch = new Uint8Array(s.length * 3);
  const { written } = encoder.encodeInto(s, scratch);
  return murmur3(scratch, written, seed);
}

/**
 * Column and sign of a feature hashed into `n` buckets, exactly as scikit-learn's HashingVectorizer with
 * `alternate_sign=True`: column |h| mod n (with its special case for -2³¹), sign + for h ≥ 0.
 */
export function hashBucket(h: number, n: number): number {
  return h === -2147483648 ? (2147483647 - (n - 1)) % n : Math.abs(h) % n;
}
