import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** Which many-to-one relations to join, as `find`'s `relations` names them: `{ person: { organization: true } }`. */
export type JoinedRelations = { [property: string]: true | JoinedRelations };

/**
 * Entities of one kind by id, with a fixed set of their many-to-one relations (or none), in one
 * joined statement. It returns what `find({ where: { id: In(ids) }, relations })` returns, but its SQL is
 * written once, from TypeORM's metadata, and its rows become entities through the same metadata
 * (each column's own hydration: dates, arrays, embedded columns). Building `find`'s query again on
 * every call was a tenth of the notifier's CPU in a burst of reminders (docs/performance.md).
 */
export class JoinedRead<T extends ObjectLiteral> {
  private plan?: { sql: string; root: JoinedNode };

  constructor(
    private readonly dataSource: DataSource,
    private readonly target: EntityTarget<T>,
    private readonly relations: JoinedRelations,
  ) {}

  async byIds(ids: string[], uow?: UnitOfWork): Promise<T[]> {
    this.plan ??= this.write();
    const rows: Record<string, unknown>[] = await managerOf(this.dataSource, uow).query(this.plan.sql, [[...new Set(ids)]]);
    return rows.map((row) => this.hydrate(row, this.plan!.root) as T);
  }

  private write(): { sql: string; root: JoinedNode } {
    const aliases: JoinedNode[] = [];
    const node = (metadata: EntityMetadata, relations: JoinedRelations, relation?: RelationMetadata): JoinedNode => {
      const alias = `t${aliases.length}`;
      const self: JoinedNode = { alias, metadata, relation, columns: metadata.columns.filter((c) => !c.isVirtual), children: [] };
      aliases.push(self);
      for (const [property, nested] of Object.entries(relations)) {
        const child = metadata.findRelationWithPropertyPath(property);
        if (!child || !(child.isManyToOne || child.isOneToOneOwner)) {
          throw new Error(`JoinedRead: ${metadata.name}.${property} is not a many-to-one relation`);
        }
        self.children.push(node(child.inverseEntityMetadata, nested === true ? {} : nested, child));
      }
      return self;
    };
    const root = node(this.dataSource.getMetadata(this.target), this.relations);
    const select = aliases.flatMap((n) => n.columns.map((c) => `"${n.alias}"."${c.databaseName}" AS "${n.alias}.${c.databaseName}"`));
    const joins: string[] = [];
    const join = (parent: JoinedNode) => {
      for (const child of parent.children) {
        const on = child.relation!.joinColumns.map(
          (column) => `"${child.alias}"."${column.referencedColumn!.databaseName}" = "${parent.alias}"."${column.databaseName}"`,
        );
        joins.push(`LEFT JOIN "${child.metadata.tableName}" "${child.alias}" ON ${on.join(' AND ')}`);
        join(child);
      }
    };
    join(root);
    const [primary] = root.metadata.primaryColumns;
    const sql =
      `SELECT ${select.join(', ')} FROM "${root.metadata.tableName}" "${root.alias}" ${joins.join(' ')} ` +
      `WHERE "${root.alias}"."${primary.databaseName}" = ANY($1)`;
    return { sql, root };
  }

  /** The node's entity from its columns of the row; undefined when its left join matched nothing. */
  private hydrate(row: Record<string, unknown>, node: JoinedNode): ObjectLiteral | undefined {
    const value = (column: ColumnMetadata) => row[`${node.alias}.${column.databaseName}`];
    if (node.metadata.primaryColumns.some((column) => value(column) === null)) return undefined;
    const entity = node.metadata.create(undefined, { fromDeserializer: true }) as ObjectLiteral;
    for (const column of node.columns) {
      column.setEntityValue(entity, this.dataSource.driver.prepareHydratedValue(value(column), column));
    }
    for (const child of node.children) {
      // As find: null when the left join matched nothing.
      entity[child.relation!.propertyName] = this.hydrate(row, child) ?? null;
    }
    return entity;
  }
}

interface JoinedNode {
  alias: string;
  metadata: EntityMetadata;
  /** How the parent reaches it; none for the root. */
  relation?: RelationMetadata;
  columns: ColumnMetadata[];
  children: JoinedNode[];
}
