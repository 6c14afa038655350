// SPDX-License-Identifier: Apache-2.0
// lscpu (plain, JSON, parsable; English and German; hard-wrapped), /proc/cpuinfo and vulnerabilities
// on the real captures in test/fixtures/hardware.
import { describe, expect, it } from 'vitest';
import { parseCpuinfo } from '../../../../../electron/backend/hardware/probe/parse-cpuinfo.js';
import { parseKvm } from '../../../../../electron/backend/hardware/probe/parse-kvm.js';
import { parseLscpu, parseLscpuJson } from '../../../../../electron/backend/hardware/probe/parse-lscpu.js';
import { parseVulnerabilities, vulnerabilitiesFromLscpu } from '../../../../../electron/backend/hardware/probe/parse-vulnerabilities.js';
import { fixture, fixtureNames } from './fixtures.js';

const lscpu = (name: string) => parseLscpu(fixture('lscpu', name)).value;

describe('lscpu', () => {
  it('reads every capture without throwing; unusable ones give null and a reason', () => {
    for (const name of fixtureNames('lscpu')) {
      const text = fixture('lscpu', name);
      const r = name.endsWith('-json.txt') ? parseLscpuJson(text) : parseLscpu(text);
      if (r.value === null) expect(r.warnings.length, name).toBeGreaterThan(0);
    }
    // Two linuxhw files hold a repository listing instead of lscpu output.
    expect(lscpu('linuxhw-lscpu__kunpeng-920-arm64.txt')).toBeNull();
    expect(parseLscpu(fixture('lscpu', 'linuxhw-lscpu__cortex-a72-arm64.txt')).warnings).toEqual(['no lscpu fields recognised']);
  });

  it('EPYC 7302P bare metal: topology, model, AMD-V, flags', () => {
    expect(lscpu('linuxhw-lscpu__epyc-7302p.txt')).toMatchObject({
      arch: 'x86_64', model: 'AMD EPYC 7302P 16-Core Processor', vendor: 'AuthenticAMD', cpus: 32, threadsPerCore: 2,
      coresPerSocket: 16, sockets: 1, virtualization: 'AMD-V', hypervisorVendor: null,
    });
    expect(lscpu('linuxhw-lscpu__epyc-7302p.txt')?.flags).toEqual(expect.arrayContaining(['svm', 'sev', 'avx2', 'npt']));
    expect(lscpu('linuxhw-lscpu__epyc-7702.txt')).toMatchObject({ cpus: 256, sockets: 2, coresPerSocket: 64 });
  });

  it('joins lines hard-wrapped at the terminal width back together', () => {
    const v = lscpu('chef-ohai__x86-host-vuln.txt');
    const spectre = v?.vulnerabilities.find((x) => x.name === 'Spectre v2');
    expect(spectre?.status).toBe('Mitigation; Full generic retpoline, IBPB conditional, IBRS_FW, STIBP conditional, RSB filling');
    // "ac|pi", "xtopolo|gy" and "sse4|_1" were cut mid-word.
    expect(v?.flags).toEqual(expect.arrayContaining(['acpi', 'xtopology', 'sse4_1', 'invpcid_single', 'flush_l1d', 'vmx']));
    expect(v?.flags).not.toContain('ac');
    const ppc = lscpu('chef-ohai__ppc64le-p8-host-debian12.txt');
    expect(ppc).toMatchObject({ arch: 'ppc64le', model: 'POWER8E (raw), altivec supported', cpus: 160, sockets: 4, coresPerSocket: 5 });
  });

  it('aarch64, ppc64le and KVM/Xen guests', () => {
    expect(lscpu('chef-ohai__aarch64-guest-kvm.txt')).toMatchObject({ arch: 'aarch64', model: null, cpus: 2, sockets: 1, coresPerSocket: 2 });
    expect(lscpu('chef-ohai__aarch64-guest-kvm.txt')?.flags).toContain('asimd');
    expect(lscpu('chef-ohai__aarch64-host-rhel9.txt')).toMatchObject({ vendor: 'APM', cpus: 32, coresPerSocket: 32 });
    expect(lscpu('chef-ohai__ppc64le-p9-host.txt')).toMatchObject({ model: 'POWER9, altivec supported', sockets: 2, cpus: 128 });
    expect(lscpu('chef-ohai__x86-guest-kvm-nested-rhel9.txt')).toMatchObject({ hypervisorVendor: 'KVM', virtualization: 'VT-x', sockets: 2 });
    expect(lscpu('linuxhw-lscpu__xeon-platinum-8280-vm.txt')).toMatchObject({ hypervisorVendor: 'Xen', virtualization: null, cpus: 112 });
  });

  it('lscpu -p (parsable): counts only', () => {
    const r = parseLscpu(fixture('lscpu', 'chef-ohai__aarch64-graviton2-cores.txt'));
    expect(r.value).toMatchObject({ cpus: 2, sockets: 1, coresPerSocket: 2, threadsPerCore: 1, model: null });
  });

  it('German output (real capture and a bare-metal variant) gives the same facts as English', () => {
    const de = lscpu('local__de-de-kvm-guest-amd-epyc.txt');
    expect(de).toMatchObject({ arch: 'x86_64', model: 'AMD EPYC', vendor: 'AuthenticAMD', cpus: 2, threadsPerCore: 1, coresPerSocket: 2, sockets: 1, hypervisorVendor: 'KVM' });
    expect(de?.vulnerabilities.find((v) => v.name === 'Spec store bypass')?.status).toBe('Vulnerable');
    expect(de?.flags).toContain('avx512f');
    expect(parseLscpuJson(fixture('lscpu', 'local__de-de-kvm-guest-amd-epyc-json.txt')).value).toEqual(de);
    const en = lscpu('linuxhw-lscpu__epyc-7302p.txt');
    const written = lscpu('written__de-de-epyc-7302p.txt');
    expect(written).toEqual(en);
  });

  it('French keys with a space before the colon', () => {
    const fr = 'Architecture :                x86_64\nProcesseur(s) :              8\nCPU(s) :                      8\nThread(s) par cœur :          2\nCœur(s) par socket :          4\nSocket(s) :                   1\nNom de modèle :               Intel(R) Xeon(R) E-2234\nVirtualisation :              VT-x\n';
    expect(parseLscpu(fr).value).toMatchObject({ cpus: 8, threadsPerCore: 2, coresPerSocket: 4, sockets: 1, model: 'Intel(R) Xeon(R) E-2234', virtualization: 'VT-x' });
  });

  it('lscpu -J from this machine and nested (tree) JSON', () => {
    const nested = JSON.stringify({ lscpu: [{ field: 'Architecture:', data: 'x86_64', children: [{ field: 'CPU op-mode(s):', data: '32-bit, 64-bit' }] }, { field: 'CPU(s):', data: '8', children: [] }, { field: 'Vendor ID:', data: 'GenuineIntel', children: [{ field: 'Model name:', data: 'Xeon', children: [{ field: 'Socket(s):', data: '1' }, { field: 'Core(s) per socket:', data: '8' }] }] }] });
    expect(parseLscpuJson(nested).value).toMatchObject({ arch: 'x86_64', cpus: 8, model: 'Xeon', sockets: 1, coresPerSocket: 8 });
    expect(parseLscpuJson('{"lscpu": 5}').value).toBeNull();
    expect(parseLscpuJson('not json').warnings[0]).toMatch(/not JSON/);
  });
});

describe('/proc/cpuinfo', () => {
  const info = (name: string) => parseCpuinfo(fixture('cpuinfo', name)).value;

  it('reads every capture', () => {
    for (const name of fixtureNames('cpuinfo')) expect(info(name), name).not.toBeNull();
  });

  it('x86: flags of the first CPU, vmx on bare metal, hypervisor flag in guests', () => {
    expect(info('ansible-ansible__intel-i7-4800mq-vmx.txt')).toMatchObject({ model: 'Intel(R) Core(TM) i7-4800MQ CPU @ 2.70GHz', vendor: 'GenuineIntel' });
    expect(info('ansible-ansible__intel-i7-4800mq-vmx.txt')?.flags).toContain('vmx');
    const vm = info('ansible-ansible__vm-xeon-e5-2680v2.txt');
    expect(vm?.flags).toContain('hypervisor');
    expect(vm?.flags).not.toContain('vmx');
    expect(info('chef-ohai__x86-guest-kvm-nested-rhel9.txt')?.flags).toEqual(expect.arrayContaining(['vmx', 'hypervisor']));
    expect(info('shirou-gopsutil__issue1958.txt')).toMatchObject({ vendor: 'HygonGenuine', model: 'Hygon C86-4G (OPN:5435)' });
  });

  it('arm64, armv7, ppc64le and s390x', () => {
    expect(info('ansible-ansible__arm64-4cpu.txt')).toMatchObject({ vendor: 'ARM', model: null });
    expect(info('ansible-ansible__arm64-4cpu.txt')?.flags).toContain('asimd');
    expect(info('puppetlabs-facter__arm64-cavium.txt')?.vendor).toBe('Cavium');
    expect(info('shirou-gopsutil__issue1037.txt')?.model).toBe('ARMv7 Processor rev 4 (v7l)');
    expect(info('chef-ohai__ppc64le-p9-host.txt')).toMatchObject({ model: 'POWER9, altivec supported', flags: null });
    expect(info('ansible-ansible__s390x-z14.txt')).toMatchObject({ vendor: 'IBM/S390' });
    expect(info('ansible-ansible__s390x-z14.txt')?.flags).toContain('sie');
  });

  it('gives null for text without key/value lines', () => {
    expect(parseCpuinfo('').value).toBeNull();
    expect(parseCpuinfo('\u0000\u0001garbage').value).toBeNull();
  });
});

describe('vulnerabilities and kvm', () => {
  it('sysfs "name:status" lines (node_exporter grep form)', () => {
    const r = parseVulnerabilities(fixture('vulnerabilities', 'prometheus-node_exporter__sysfs-vulns-grep-format.txt'));
    expect(r.value).toEqual([
      { name: 'itlb_multihit', status: 'Not affected', mitigated: true },
      { name: 'mds', status: 'Vulnerable', mitigated: false },
      { name: 'retbleed', status: 'Mitigation: untrained return thunk; SMT enabled with STIBP protection', mitigated: true },
      { name: 'spectre_v1', status: 'Mitigation: usercopy/swapgs barriers and __user pointer sanitization', mitigated: true },
      { name: 'spectre_v2', status: 'Mitigation: Retpolines, IBPB: conditional, STIBP: always-on, RSB filling, PBRSB-eIBRS: Not affected', mitigated: true },
    ]);
    expect(parseVulnerabilities('/sys/devices/system/cpu/vulnerabilities/meltdown:Mitigation: PTI\n').value).toEqual([{ name: 'meltdown', status: 'Mitigation: PTI', mitigated: true }]);
  });

  it('lscpu names become sysfs names', () => {
    const v = parseLscpu(fixture('lscpu', 'chef-ohai__x86-host-rhel9.txt')).value!;
    const list = vulnerabilitiesFromLscpu(v.vulnerabilities);
    expect(list.map((x) => x.name)).toContain('spec_store_bypass');
    expect(list.find((x) => x.name === 'mds')).toMatchObject({ mitigated: false });
  });

  it('kvm module parameters: Y/N and 1/0, module absent', () => {
    expect(parseKvm('kvm_amd:loaded\nkvm_amd.nested:1\nkvm_amd.sev:Y\nkvm_amd.sev_es:N\nkvm_amd.sev_snp:Y\ndev-kvm:present\n').value).toEqual({
      module: 'kvm_amd', nested: true, sev: true, sevEs: false, sevSnp: true, tdx: null, devKvm: true,
    });
    expect(parseKvm('kvm_intel:loaded\nkvm_intel.nested:N\nkvm_intel.tdx:Y\n').value).toMatchObject({ module: 'kvm_intel', nested: false, tdx: true });
    expect(parseKvm('dev-kvm:absent\n').value).toMatchObject({ module: null, nested: null, devKvm: false });
    expect(parseKvm('bogus line\n').warnings).toHaveLength(1);
  });
});
