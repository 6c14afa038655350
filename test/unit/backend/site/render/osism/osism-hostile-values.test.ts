// SPDX-License-Identifier: Apache-2.0
// Operator text with quotes, shell syntax, Jinja, line breaks and non-ASCII characters must stay
// valid YAML, read back unchanged, and never be templated by Ansible (`!unsafe`).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exampleSite } from '../../../../../helpers/site-fixtures.js';
import { render, resolve, yamlOf } from './osism-fixtures.js';

const KEY_COMMENT = `op "quoted" 'single' $(id) \`uname\` {{ lookup('pipe', 'id') }} {% raw %} ünïcødé 🚀 # not a comment`;
const SSH_KEY = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8j1yJ7Q2x0bXk3c1c9wH4kQ0rJ0p8mV2m3f0b1aZ2 ${KEY_COMMENT}`;
const PLAIN_KEY = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 plain: "colon" key';
const PASSWORD = 'p@ss "w{{0}}rd" $(reboot)\n  second line ü: - [x]';
const USER = 'pull{{ user }}"er\'';

function hostileSite() {
  return resolve({
    ...exampleSite('sandbox'),
    description: 'Rack "3" $(rm -rf /)\nsecond line: ünïcødé 🚀 {{ x }}',
    operator: { ssh_keys: [SSH_KEY, PLAIN_KEY] },
    registry: { host: 'reg.site.lan:5000', username: USER },
    proxy: { http: 'http://proxy.site.lan:3128', https: 'http://proxy.site.lan:3128/{{p}}', no_proxy: ['.corp.lan', "it's-{{x}}"] },
  });
}

describe('hostile operator text', () => {
  const site = hostileSite();
  const files = render(site, { registryPassword: PASSWORD });

  it('keeps every rendered YAML file parseable as YAML 1.1', () => {
    for (const f of files.filter((x) => x.path.endsWith('.yml') && x.secret !== 'vault')) {
      expect(() => parse(f.content, { version: '1.1', prettyErrors: true, strict: true, logLevel: 'error' }), f.path).not.toThrow();
    }
  });

  it('reads the SSH keys back unchanged, with Jinja kept literal by !unsafe', () => {
    const global = files.find((f) => f.path === 'environments/configuration.yml')!.content;
    expect(yamlOf(files, 'environments/configuration.yml').operator_authorized_keys).toEqual([SSH_KEY, PLAIN_KEY, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAImanager manager@ciab']);
    expect(global).toMatch(/- !unsafe "ssh-ed25519 [^\n]*\{\{ lookup/);
    // Text without a Jinja opener stays a plain string.
    expect(global).not.toMatch(/!unsafe "ssh-rsa/);
  });

  it('keeps the registry password and user name verbatim and untemplated', () => {
    const secrets = files.find((f) => f.path === 'environments/secrets.yml')!;
    expect(yamlOf(files, 'environments/secrets.yml').docker_registry_password).toBe(PASSWORD);
    expect(Buffer.from(secrets.content.split('\n')[1]!, 'hex').toString()).toContain('docker_registry_password: !unsafe "p@ss');
    expect(yamlOf(files, 'inventory/group_vars/generic/registries.yml').docker_registry_username).toBe(USER);
    expect(yamlOf(files, 'environments/manager/configuration.yml').docker_registry_username).toBe(USER);
  });

  it('writes the proxy for APT, Docker and kolla with the site names exempt', () => {
    const global = yamlOf(files, 'environments/configuration.yml');
    expect(global.proxy_proxies).toEqual({ http: 'http://proxy.site.lan:3128', https: 'http://proxy.site.lan:3128/{{p}}' });
    expect(global.docker_configure_proxy).toBe(true);
    expect(global.proxy_no_proxy_extra).toEqual(expect.arrayContaining(['.corp.lan', "it's-{{x}}", 'reg.site.lan', site.api_fqdn, site.networks.internal.cidr]));
    const kolla = yamlOf(files, 'environments/kolla/configuration.yml');
    expect(kolla.container_https_proxy).toBe('http://proxy.site.lan:3128/{{p}}');
    expect(String(kolla.container_no_proxy).split(',')).toContain('reg.site.lan');
  });

  it('writes no proxy variables for a site without a proxy', () => {
    const plain = yamlOf(render(resolve(exampleSite('sandbox'))), 'environments/configuration.yml');
    expect(Object.keys(plain).filter((k) => k.includes('proxy'))).toEqual([]);
  });
});
