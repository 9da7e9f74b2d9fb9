/** A one-line progress bar on stderr, redrawn at most every 1% (plain lines when stderr is not a terminal). */
export function progress(label: string, total: number): (done: number) => void {
  let shown = -1;
  return (done) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === shown) return;
    shown = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    const bar = `${label.padEnd(12)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${bar}${done >= total ? '\n' : ''}`);
    else if (percent % 25 === 0) process.stderr.write(`${bar}\n`);
  };
}
