// The benchmark's simulator, in a process of its own: tells its URLs over IPC, publishes the memory
// run's drive messages when asked (so their bodies never live in the measured process), stops on request.
import { startSimulator } from '@bimmer/simulator';
import { driveMessage } from './drive-message.mjs';

const sim = await startSimulator();
process.send({ url: sim.url, mqttUrl: sim.mqttUrl });
process.on('message', async (request) => {
  if (request.type === 'stop') {
    await sim.stop();
    process.exit(0);
  }
  if (request.type === 'publish') {
    const messages = [];
    for (let index = request.from; index < request.to; index++)
      messages.push(driveMessage(request.base, index));
    const response = await fetch(`${sim.url}/_simulator/cardata/publish`, {
      method: 'POST',
      body: JSON.stringify(messages),
    });
    process.send({ published: messages.length, status: response.status });
  }
});
