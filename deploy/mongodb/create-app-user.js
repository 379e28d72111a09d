// Runs once, when the MongoDB container initialises an empty data volume: creates the user
// the warehouse connects as, with access to its own database only.
const database = db.getSiblingDB('tributary');
database.createUser({
  user: process.env.MONGO_APP_USERNAME,
  pwd: process.env.MONGO_APP_PASSWORD,
  roles: [{ role: 'readWrite', db: 'tributary' }],
});
