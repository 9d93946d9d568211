// Preloaded (`node -r`) into each benchmarked process: writes its peak resident memory and CPU time to the file named by
// ORGSTRAP_BENCH_STATS when it exits, so the benchmark reads figures of the real CLI without a system `time` binary.
const fs = require("fs");
process.on("exit", () => {
  const file = process.env.ORGSTRAP_BENCH_STATS;
  if (!file) return;
  const u = process.resourceUsage();
  fs.writeFileSync(file, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
