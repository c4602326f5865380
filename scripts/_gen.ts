import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/persistence/src/data-source-options';
async function main() {
  const ds = await new DataSource(dataSourceOptions('postgres://postgres@127.0.0.1:5432/liaison_schema_gen')).initialize();
  const log = await ds.driver.createSchemaBuilder().log();
  for (const q of log.upQueries) console.log(q.query + ';');
  console.log('---DOWN---');
  for (const q of log.downQueries.reverse()) console.log(q.query + ';');
  await ds.destroy();
}
main();
