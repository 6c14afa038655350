// SPDX-License-Identifier: Apache-2.0
// The kubernetes type (k3s by osism-kubernetes): environments/kubernetes/configuration.yml with
// the API endpoint and version, and inventory/group_vars/generic/k3s.yml with the node's
// interface and the registries.yaml that sends every image pull to the local registry.
import { k3sRegistriesDocument } from '../k3s-registries.js';
import type { RenderContext, RenderedFile } from '../render-types.js';
import { registryEndpoint } from '../registry-endpoint.js';
import { ansibleText, internalInterface, yamlFile, type Vars } from './osism-files.js';
import { k3sProxyVars } from './proxy-vars.js';

/** environments/kubernetes/configuration.yml. */
function renderKubernetesConfiguration(ctx: RenderContext): RenderedFile {
  const site = ctx.site;
  const vars: Vars = {
    apiserver_endpoint: site.networks.internal.vip,
    k3s_version: site.versions.k3s,
    cilium_bgp: false,
    kube_vip_bgp: false,
    // osism-kubernetes' k3s_download role fetches the binary from github.com and has no air-gap
    // switch (2026-06). airgap-prepare installs the binary from the bundle at /usr/local/bin/k3s
    // and the airgap images under /var/lib/rancher/k3s/agent/images/, and the installer's
    // k3s-edge playbook skips the download role. No upstream role reads this flag; it marks
    // the repository as air-gapped for the installer's playbook.
    k3s_airgap: true,
    // Every k3s flag lives in /etc/rancher/k3s/config.yaml (host files). Flags given here too
    // would be added on top (node-ip twice) and bring back upstream's --embedded-registry,
    // whose p2p port 5001 is the bundle registry's.
    extra_server_args: '',
    extra_agent_args: '',
    ...k3sProxyVars(site),
  };
  return yamlFile('environments/kubernetes/configuration.yml', vars, 'k3s settings of the site (osism-kubernetes).');
}

/** The shared registries.yaml document, with the password as a vault reference. */
function registriesDocument(ctx: RenderContext): Record<string, unknown> {
  const auth = registryEndpoint(ctx.site).auth;
  const doc = k3sRegistriesDocument(ctx, auth ? '{{ docker_registry_password }}' : undefined);
  const configs = doc.configs as Record<string, { auth?: Record<string, unknown> }>;
  for (const config of Object.values(configs)) {
    // The user name is operator text: keep Ansible from templating it.
    if (typeof config.auth?.username === 'string') config.auth = { ...config.auth, username: ansibleText(config.auth.username) };
  }
  return doc;
}

/** inventory/group_vars/generic/k3s.yml. */
function renderK3sGroupVars(ctx: RenderContext): RenderedFile {
  const site = ctx.site;
  const vars: Vars = {
    flannel_iface: '{{ network_internal_interface }}',
    // kube-vip would pick the default-route NIC; the API VIP lives on the internal VLAN.
    kube_vip_iface: internalInterface(site),
    k3s_node_ip: site.networks.internal.address,
    // k3s_custom_registries writes `custom_registries_yaml | to_yaml` into registries.yaml
    // (osism-kubernetes roles/k3s_custom_registries), so it is given as a mapping: a YAML string
    // would come out as one quoted scalar. The password stays a reference into the vault file.
    custom_registries_yaml: registriesDocument(ctx),
  };
  return yamlFile('inventory/group_vars/generic/k3s.yml', vars, 'k3s on the node: interfaces and the local registry for every image.');
}

/** Every file of the kubernetes environment. */
export function renderKubernetesEnvironment(ctx: RenderContext): RenderedFile[] {
  return [renderKubernetesConfiguration(ctx), renderK3sGroupVars(ctx)];
}
