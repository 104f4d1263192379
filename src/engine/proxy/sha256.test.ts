import { describe, expect, it } from 'vitest';
import { endpointChain, externalChain, probabilityText, serviceChain } from './chains';
import type { ProxyServicePort } from './model';
import { base32, sha256Hex, utf8Bytes } from './sha256';

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes messages that need a second padding block', () => {
    expect(sha256Hex('a'.repeat(56))).toBe(
      'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a',
    );
  });

  it('encodes non-ASCII text as UTF-8', () => {
    expect(Array.from(utf8Bytes('é廚😀'))).toEqual([
      0xc3, 0xa9, 0xe5, 0xbb, 0x9a, 0xf0, 0x9f, 0x98, 0x80,
    ]);
  });
});

describe('base32', () => {
  it('matches the RFC 4648 test vectors', () => {
    const enc = (s: string) => base32(utf8Bytes(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual([
      '',
      'MY======',
      'MZXQ====',
      'MZXW6===',
      'MZXW6YQ=',
      'MZXW6YTB',
      'MZXW6YTBOI======',
    ]);
  });
});

const svc1: ProxyServicePort = {
  namespace: 'ns1',
  name: 'svc1',
  portName: 'p80',
  protocol: 'TCP',
  clusterIP: '172.30.0.41',
  port: 80,
  endpoints: [],
};

describe('kube-proxy chain names', () => {
  it('names the service, external and endpoint chains of the k/k sample', () => {
    expect(serviceChain(svc1)).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(externalChain(svc1)).toBe('KUBE-EXT-XPGD46QRK7WJZT7O');
    expect(endpointChain(svc1, { ip: '10.180.0.1', port: 80 })).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(endpointChain(svc1, { ip: '10.180.2.1', port: 80 })).toBe('KUBE-SEP-ZX7GRIZKSNUQ3LAJ');
  });

  it('gives the default kubernetes service the chain every cluster has', () => {
    const kubernetes = { ...svc1, namespace: 'default', name: 'kubernetes', portName: 'https' };
    expect(serviceChain(kubernetes)).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
  });

  it('hashes the protocol too, so TCP and UDP on one port get different chains', () => {
    const dns = { ...svc1, namespace: 'kube-system', name: 'kube-dns', portName: 'dns' };
    expect(serviceChain({ ...dns, protocol: 'UDP' })).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(serviceChain({ ...dns, portName: 'dns-tcp' })).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
  });

  it('writes probabilities with ten decimals', () => {
    expect([2, 3, 4, 7].map(probabilityText)).toEqual([
      '0.5000000000',
      '0.3333333333',
      '0.2500000000',
      '0.1428571429',
    ]);
  });
});
