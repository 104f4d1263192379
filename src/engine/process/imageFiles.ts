/**
 * The few files of an image that learners look at or that its program serves: nginx's welcome
 * page and configuration, httpd's "It works!". Texts as the images ship them (nginx's
 * html/index.html: 615 bytes since the color-scheme line, 612 before; its packaged nginx.conf and
 * conf.d/default.conf; httpd's docs/index.html, 45 bytes).
 */
import type { ImageConfig } from '../model/registry';

export const NGINX_HTML = '/usr/share/nginx/html';
export const HTTPD_HTDOCS = '/usr/local/apache2/htdocs';

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_INDEX_OLD = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const nginxConfText = (errorLevel: string) => `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log ${errorLevel};
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

/**
 * As packaged, and as the 1.19+ entrypoint's 10-listen-on-ipv6-by-default.sh leaves it (it adds
 * `listen [::]:80;`; the file is shown that way in images that have the script).
 */
const nginxDefaultConf = (ipv6: boolean) => `server {
    listen       80;
${ipv6 ? '    listen  [::]:80;\n' : ''}    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

/** One text per log level, shared by every nginx container (the files are kept by each). */
const NGINX_CONF = { notice: nginxConfText('notice'), warn: nginxConfText('warn') };
const NGINX_DEFAULT_CONF = { ipv6: nginxDefaultConf(true), ipv4: nginxDefaultConf(false) };

const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';

/** nginx's version from the image's NGINX_VERSION (`1.14.2-1~stretch` → `1.14.2`). */
export function nginxVersion(image: ImageConfig): string {
  return nginxOf(image).version;
}

/**
 * Images before nginx 1.19 (no /docker-entrypoint.sh) log at `warn`: their start-up notices never
 * show. Later ones log at `notice` and ship the newer welcome page.
 */
export function isOldNginx(image: ImageConfig): boolean {
  return nginxOf(image).old;
}

/** Both, per image config (the registry's configs are shared; every nginx start asks). */
const nginxFacts = new WeakMap<ImageConfig, { version: string; old: boolean }>();

function nginxOf(image: ImageConfig): { version: string; old: boolean } {
  let facts = nginxFacts.get(image);
  if (!facts) {
    const version = (envOf(image, 'NGINX_VERSION') ?? '1.27.3').split('-')[0];
    const [major, minor] = version.split('.').map(Number);
    facts = { version, old: major === 1 && minor < 19 };
    nginxFacts.set(image, facts);
  }
  return facts;
}

export function envOf(image: ImageConfig, name: string): string | undefined {
  const prefix = `${name}=`;
  return image.env.find((kv) => kv.startsWith(prefix))?.slice(prefix.length);
}

export function imageFiles(repository: string, image: ImageConfig): Record<string, string> {
  switch (repository) {
    case 'docker.io/library/nginx': {
      const old = isOldNginx(image);
      return {
        '/usr/': '',
        '/usr/share/': '',
        '/usr/share/nginx/': '',
        [`${NGINX_HTML}/`]: '',
        [`${NGINX_HTML}/index.html`]: old ? NGINX_INDEX_OLD : NGINX_INDEX,
        '/etc/nginx/': '',
        '/etc/nginx/nginx.conf': NGINX_CONF[old ? 'warn' : 'notice'],
        '/etc/nginx/conf.d/': '',
        '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF[old ? 'ipv4' : 'ipv6'],
        '/var/log/nginx/': '',
      };
    }
    case 'docker.io/library/httpd':
      return {
        '/usr/': '',
        '/usr/local/': '',
        '/usr/local/apache2/': '',
        [`${HTTPD_HTDOCS}/`]: '',
        [`${HTTPD_HTDOCS}/index.html`]: HTTPD_INDEX,
      };
    default:
      return {};
  }
}
