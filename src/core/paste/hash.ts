// Content hashing through WebCrypto: the same code runs in Node (global `crypto` since 19),
// in VS Code's web extension host and in a browser, and hashing runs off the JS thread.

export type HashFn = (bytes: Uint8Array) => Promise<string>;

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let out = '';
  for (const b of digest) {
    out += hex[b];
  }
  return out;
}
