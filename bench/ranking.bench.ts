/**
 * Ranking engine benchmark: 1M synthetic battles over 100 systems (with ties), reduce to counts, BT fit and 1000
 * bootstrap rounds from counts; versus the naive way (resample raw battle rows, reduce and refit every round).
 */
import { createRng } from "../lib/random";
import { bootstrap, fitBradleyTerry, reduceToCounts, type Battle, type Outcome } from "../lib/ranking";

const GOAL_SECONDS = 1.5;

export default async function main(): Promise<void> {
  const N = 1_000_000;
  const n = 100;
  const rng = createRng(2025);
  const names = Array.from({ length: n }, (_, i) => `model-${String(i).padStart(3, "0")}`);
  const strength = names.map(() => rng.normal() * 0.8);
  const battles: Battle[] = new Array(N);
  for (let k = 0; k < N; k++) {
    const i = rng.int(n);
    let j = rng.int(n - 1);
    if (j >= i) j++;
    const u = rng.next();
    let outcome: Outcome;
    if (u < 0.15) outcome = "tie";
    else if (u < 0.2) outcome = "bothbad";
    else outcome = rng.next() < 1 / (1 + Math.exp(strength[j] - strength[i])) ? "a" : "b";
    battles[k] = { a: names[i], b: names[j], outcome };
  }

  // CPU seconds of this process next to wall seconds: on a machine loaded by others the wall figure inflates
  const cpuS = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  let c = cpuS();
  let t = performance.now();
  const counts = reduceToCounts(battles);
  const reduceS = (performance.now() - t) / 1000;
  const reduceCpu = cpuS() - c;
  t = performance.now();
  const fit = fitBradleyTerry(counts);
  const fitS = (performance.now() - t) / 1000;
  c = cpuS();
  t = performance.now();
  const boot = bootstrap(counts, { rounds: 1000, seed: 1 });
  const bootS = (performance.now() - t) / 1000; // includes its own point fit
  const bootCpu = cpuS() - c;
  const fitPlusBoot = bootS;
  const total = reduceS + bootS;
  console.log(`battles ${N.toLocaleString("en")}, systems ${n}, unique (a,b,outcome) cells ${counts.cells.length}`);
  console.log(`reduce to counts        ${reduceS.toFixed(3)} s (${Math.round(N / reduceS).toLocaleString("en")} battles/s; cpu ${reduceCpu.toFixed(3)} s)`);
  console.log(`BT fit (Newton)         ${fitS.toFixed(3)} s, ${fit.iterations} iterations`);
  console.log(
    `fit + 1000 bootstrap    ${fitPlusBoot.toFixed(3)} s (${(bootS * 1000 / 1000).toFixed(2)} ms/round, full refits ${boot.fullRefits}; cpu ${bootCpu.toFixed(3)} s)`,
  );
  console.log(`reduce + fit + 1000     ${total.toFixed(3)} s (${Math.round(N / total).toLocaleString("en")} battles/s)`);
  console.log(`goal: fit + 1000 rounds from counts ≤ ${GOAL_SECONDS} s → ${fitPlusBoot <= GOAL_SECONDS ? "met" : "NOT met"} (${fitPlusBoot.toFixed(3)} s)`);

  // naive: each round resamples N raw rows with replacement, reduces and refits from scratch
  const naiveRounds = 3;
  const nrng = createRng(7);
  t = performance.now();
  for (let r = 0; r < naiveRounds; r++) {
    const sample: Battle[] = new Array(N);
    for (let k = 0; k < N; k++) sample[k] = battles[nrng.int(N)];
    fitBradleyTerry(reduceToCounts(sample));
  }
  const naivePerRound = (performance.now() - t) / 1000 / naiveRounds;
  const naive1000 = naivePerRound * 1000 + reduceS + fitS;
  console.log(
    `naive (resample raw rows, reduce, refit): ${naivePerRound.toFixed(3)} s/round measured over ${naiveRounds} rounds, ` +
      `extrapolated to 1000 rounds ${naive1000.toFixed(0)} s`,
  );
  console.log(`speed-up counts vs naive: ×${(naive1000 / total).toFixed(0)}`);
}
