// The program NodeEndToEndTest runs: the real @pyroscope/nodejs client profiles its wall time and
// heap and uploads both every 5 s to the Flamestore server named by FLAMESTORE_ADDRESS. Runs for the
// seconds in its first argument, stops the client (which sends the last profiles), prints "done".
'use strict';
const Pyroscope = require('@pyroscope/nodejs');

Pyroscope.init({
  serverAddress: process.env.FLAMESTORE_ADDRESS,
  appName: 'ride-sharing-node',
  flushIntervalMs: 5000,
  tags: { region: 'us-west-1' },
});
Pyroscope.start();

// Busy for ms milliseconds of wall time: a car order costs three times a bike order.
function spin(ms) {
  const end = Date.now() + ms;
  let x = 0;
  while (Date.now() < end) {
    x += Math.sqrt(x + 1);
  }
  return x;
}

function orderBike() {
  return spin(5);
}

function orderCar() {
  return spin(15);
}

// Vehicles kept alive (a bounded fleet), so that in-use heap has an allocation site of ours.
const fleet = [];
function registerVehicles() {
  for (let i = 0; i < 2000; i++) {
    fleet.push({ id: fleet.length, plate: 'CAR-' + i, seats: [1, 2, 3, 4] });
  }
  if (fleet.length > 200000) {
    fleet.splice(0, 100000);
  }
}

async function main() {
  const end = Date.now() + Number(process.argv[2]) * 1000;
  while (Date.now() < end) {
    orderBike();
    orderCar();
    registerVehicles();
    await new Promise((resolve) => setImmediate(resolve)); // lets the client's flush timer run
  }
  await Pyroscope.stop();
  console.log('done');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
