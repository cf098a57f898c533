import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { FakeDiscord } from './dist/test/support/fakeDiscord.js';
const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`,'utf8'))[1])/1024;
for (const chart of ['off','on']) {
  const fake = await FakeDiscord.start();
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { PATH: process.env.PATH, DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, COOLDOWN_REQUESTS: '100', SALARY_CHART: chart, LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  await fake.identified(1, 20000); await new Promise(r=>setTimeout(r,2000));
  const out=[`start ${rss(child.pid).toFixed(0)}`];
  let n=0;
  for (let round=0; round<5; round++) {
    for (let b=0;b<10;b++) await Promise.all(Array.from({length:200},()=>fake.command(n%2?'salary':'skills', n%3?{level:'senior'}:{}, {user:{id:`29${String(++n).padStart(16,'0')}`, username:'x'}, timeoutMs: 30000})));
    fake.requests.length=0; fake.callbacks.length=0;
    out.push(`${n}: ${rss(child.pid).toFixed(0)}`);
  }
  console.log(`SALARY_CHART=${chart}: ${out.join(', ')} MB`);
  child.kill('SIGTERM'); await new Promise(r=>child.once('exit',r)); await fake.close();
}
