import { modelEntities } from '../../app/entities';
import { historySubjects } from './history.service';

describe('history subjects', () => {
  it('name an entity of the model, so the right of access and retention can find each row', () => {
    const entityNames = new Set(modelEntities.map((entity) => entity.name));
    const unknown = Object.entries(historySubjects).filter(([, entity]) => !entityNames.has(entity));
    expect(unknown).toEqual([]);
    // A state machine's history uses its own entity's name.
    for (const [type, entity] of Object.entries(historySubjects)) if (entityNames.has(type)) expect([type, entity]).toEqual([type, type]);
  });
});
