/** What else the machine was doing: load average and how busy its CPUs were over an interval. */
import os from 'node:os';
import { loadAverage } from './progress';

export interface MachineNote {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
}

export function machineNote(): MachineNote {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

export interface MachineLoad {
  /** os.loadavg() when the interval ended (1, 5, 15 minutes). */
  loadavg: [number, number, number];
  /** Share of all CPU time that was busy during the interval, whoever used it, in %. */
  cpuBusyPercent: number;
}

function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

/** Starts measuring; the returned function ends the interval and says what the machine did in it. */
export function measureMachine(): () => MachineLoad {
  const start = cpuTimes();
  return () => {
    const end = cpuTimes();
    const total = end.total - start.total;
    return {
      loadavg: loadAverage(),
      cpuBusyPercent: total > 0 ? Math.round(((end.busy - start.busy) / total) * 1000) / 10 : 0,
    };
  };
}
