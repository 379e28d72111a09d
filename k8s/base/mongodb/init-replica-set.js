// Joins the StatefulSet's members into replica set rs0 and makes the user the warehouse
// connects as match the Secret (created, or its password changed). Runs in every member at
// every start, so it is idempotent; only mongodb-0 initiates the set, the others wait for it.
const replicas = parseInt(process.env.MONGODB_REPLICAS, 10);
if (!(replicas >= 1)) {
  throw new Error('MONGODB_REPLICAS must be a positive number but was ' + process.env.MONGODB_REPLICAS);
}
const hosts = Array.from({ length: replicas }, (_, i) => `mongodb-${i}.mongodb:27017`);
const self = require('os').hostname();

let initiated = true;
try {
  rs.status();
}
catch (error) {
  if (error.codeName !== 'NotYetInitialized') {
    throw error;
  }
  initiated = false;
}
if (!initiated && self === 'mongodb-0') {
  // mongodb-0 gets a higher priority so that it is elected first.
  rs.initiate({
    _id: 'rs0',
    members: hosts.map((host, i) => ({ _id: i, host: host, priority: i === 0 ? 2 : 1 })),
  });
  print(`Initiated replica set rs0 with ${hosts.join(', ')}`);
}

// Users are written on the primary; reach it through the replica set.
const replicaSet = connect(`mongodb://${encodeURIComponent(process.env.MONGODB_ROOT_USERNAME)}:`
  + `${encodeURIComponent(process.env.MONGODB_ROOT_PASSWORD)}@${hosts.join(',')}/admin`
  + '?replicaSet=rs0&authSource=admin&serverSelectionTimeoutMS=120000&w=majority');
const warehouse = replicaSet.getSiblingDB('tributary');
if (warehouse.getUser('tributary') === null) {
  warehouse.createUser({
    user: 'tributary',
    pwd: process.env.MONGODB_APP_PASSWORD,
    roles: [{ role: 'readWrite', db: 'tributary' }],
  });
  print('Created user tributary with readWrite on database tributary');
}
else {
  // A rotated password takes effect here; the same one is a harmless rewrite.
  warehouse.updateUser('tributary', { pwd: process.env.MONGODB_APP_PASSWORD });
  print('User tributary has the password of the Secret');
}
