// Runs js-waku's payload code on one request read as JSON from standard input, for
// JsWakuInteropTest. Requests:
//   {"op":"open", "chatId":…, "payload":hex}  decryptSymmetric + postCipher with the chat's key
//   {"op":"seal", "chatId":…, "data":hex, "sigPrivKey":hex}  preCipher (signed) + encryptSymmetric
// The key is derived here with Node's own PBKDF2, independently of Historian.
import { pbkdf2Sync, webcrypto } from "node:crypto";

if (!globalThis.crypto) {
  globalThis.crypto = webcrypto; // Node 18 has Web Crypto only as a module export
}
const { decryptSymmetric, encryptSymmetric, postCipher, preCipher } = await import("@waku/message-encryption/symmetric");

const hex = (bytes) => Buffer.from(bytes).toString("hex");
const bytes = (text) => new Uint8Array(Buffer.from(text.replace(/^0x/, ""), "hex"));

let input = "";
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);
const key = new Uint8Array(pbkdf2Sync(request.chatId, Buffer.alloc(0), 65356, 32, "sha256"));

if (request.op === "open") {
  const plain = await decryptSymmetric(bytes(request.payload), key);
  if (!plain) throw new Error("decryptSymmetric failed");
  const opened = postCipher(plain);
  if (!opened) throw new Error("postCipher failed");
  console.log(JSON.stringify({
    key: hex(key),
    data: hex(opened.payload),
    signature: opened.sig ? hex(opened.sig.signature) : null,
    publicKey: opened.sig ? hex(opened.sig.publicKey) : null,
    plaintextLength: plain.length,
  }));
} else if (request.op === "seal") {
  const plain = await preCipher(bytes(request.data), bytes(request.sigPrivKey));
  const payload = await encryptSymmetric(plain, key);
  console.log(JSON.stringify({ key: hex(key), payload: hex(payload) }));
} else {
  throw new Error("unknown op " + request.op);
}
