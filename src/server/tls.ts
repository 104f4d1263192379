/**
 * The certificates kubeadm makes for a cluster, made at start: a CA ("kubernetes") and the API
 * server's serving certificate signed by it, with kubeadm's subject alternative names (the
 * node name, the `kubernetes` Service's names and ClusterIP, localhost). ECDSA P-256 keys
 * (kubeadm's --encryption-algorithm=ECDSA-P256) so start-up takes milliseconds.
 */
// @peculiar/x509's dependency injection needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export interface ServingCertificates {
  /** PEM. */
  caCert: string;
  cert: string;
  key: string;
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** kubeadm: the CA for ten years, the serving certificate for one. */
const CA_VALIDITY_MS = 10 * 365 * 24 * 3600_000;
const CERT_VALIDITY_MS = 365 * 24 * 3600_000;

export async function makeCertificates(
  nowMs: number,
  hosts: { dns: string[]; ips: string[] },
): Promise<ServingCertificates> {
  const crypto = webcrypto as unknown as Crypto;
  x509.cryptoProvider.set(crypto);
  const notBefore = new Date(nowMs - 5 * 60_000);
  const caKeys = await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=kubernetes',
    notBefore,
    notAfter: new Date(nowMs + CA_VALIDITY_MS),
    keys: caKeys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyEncipherment |
          x509.KeyUsageFlags.keyCertSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const keys = await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=kube-apiserver',
    issuer: ca.subject,
    notBefore,
    notAfter: new Date(nowMs + CERT_VALIDITY_MS),
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      new x509.SubjectAlternativeNameExtension([
        ...hosts.dns.map((value) => ({ type: 'dns' as const, value })),
        ...hosts.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
    ],
  });
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    caCert: ca.toString('pem'),
    cert: cert.toString('pem'),
    key: pem('PRIVATE KEY', Buffer.from(pkcs8)),
  };
}

function serial(): string {
  // A positive 128-bit serial (the top bit clear), as Go's crypto/x509 callers make them.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}
