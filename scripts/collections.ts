/**
 * `npm run collections`: lists the collections and indexes a real CloudBase environment
 * needs (create them in the console's database panel), from the one declaration the
 * local stand-in also uses.
 */
import { COLLECTIONS } from '../cloudfunctions/shared/collections';

for (const [name, spec] of Object.entries(COLLECTIONS)) {
  console.log(`${name}  — ${spec.purpose}`);
  for (const index of spec.indexes) {
    const keys = Object.entries(index.keys)
      .map(([field, order]) => `${field} ${order === 1 ? 'asc' : 'desc'}`)
      .join(', ');
    console.log(`    index ${index.name}: ${keys}${'unique' in index && index.unique ? ' (unique)' : ''}`);
  }
}
