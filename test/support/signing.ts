import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** An application's Ed25519 key pair, as Discord holds it: the private half signs interactions. */
export class AppKeys {
  readonly privateKey: KeyObject;
  /** What DISCORD_PUBLIC_KEY is set to: the raw 32-byte public key in hex. */
  readonly publicKeyHex: string;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    // The SPKI DER of an Ed25519 key is a 12-byte header and the 32 raw bytes.
    this.publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
  }

  /** The headers Discord sends: the signature over timestamp + body, and the timestamp. */
  headers(body: string | Buffer, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
    const ts = String(timestamp);
    const signature = sign(null, Buffer.concat([Buffer.from(ts), Buffer.from(body)]), this.privateKey);
    return {
      'x-signature-ed25519': signature.toString('hex'),
      'x-signature-timestamp': ts,
      'content-type': 'application/json',
    };
  }
}
