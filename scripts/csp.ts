/**
 * The built page's Content-Security-Policy: a <meta http-equiv> added to index.html at build
 * time (the dev server injects React's refresh preamble as an inline script, so it gets none),
 * and the same policy as a header from `vite preview`.
 *
 * - script-src 'self': the page's own chunks only: no inline script, no eval (`unsafe-eval` is
 *   what framer-motion, zustand and React never need).
 * - style-src 'self': the stylesheets are files; motion and React set styles through the CSSOM
 *   (element.style), which style-src does not govern.
 * - connect-src: the page itself (lazy chunks, the docs' examples, the service worker's cache)
 *   and the attach door (`?server=`). The door is user-given, but takeAttachLink only follows a
 *   door on this computer (loopback) or on the page's own host: 'self' covers the page's own
 *   origin, and http(s)://localhost:* and http(s)://127.0.0.1:* the loopback doors on any port
 *   (the port is the learner's `npm run apiserver`'s). CSP has no source for "this host, any
 *   port", nor for IPv6 literals or the rest of 127/8: a door at the page's host on another port,
 *   at [::1] or at 127.0.0.2 is refused by the browser (the Attach bar shows it could not
 *   connect). Opening connect-src to every http: origin would let injected code send anywhere.
 * - worker-src 'self': the offline service worker (and a module worker built as a file).
 * - object-src 'none', base-uri 'none', form-action 'self' (forms submit to script only).
 * frame-ancestors cannot be set from a <meta>; the preview header sets it.
 */
import type { Plugin } from 'vite';

const LOOPBACK_DOORS = [
  'http://localhost:*',
  'http://127.0.0.1:*',
  'https://localhost:*',
  'https://127.0.0.1:*',
];

const DIRECTIVES: [string, string[]][] = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['font-src', ["'self'"]],
  ['connect-src', ["'self'", ...LOOPBACK_DOORS]],
  ['worker-src', ["'self'"]],
  ['manifest-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'self'"]],
];

/** The policy as a <meta> carries it. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([d, v]) => `${d} ${v.join(' ')}`).join('; ');

/** As a header, which may also say who may frame the page. */
export const CSP_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

export function cspPlugin(): Plugin {
  return {
    name: 'kube-kitchen-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
