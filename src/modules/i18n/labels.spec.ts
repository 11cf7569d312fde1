import 'reflect-metadata';

import { GraphQLEnumType, GraphQLSchema } from 'graphql';

import { buildPolkuSchema } from '../../app/schema';
import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import { I18nService } from './i18n.service';
import { enumLabels } from './labels';

const LANGUAGES = ['fi', 'sv', 'en'] as const;

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildPolkuSchema();
});

function schemaEnums(): GraphQLEnumType[] {
  return Object.values(schema.getTypeMap()).filter((type): type is GraphQLEnumType => type instanceof GraphQLEnumType && !type.name.startsWith('__'));
}

describe('enum labels', () => {
  it('the built schema has enums to check', () => {
    expect(schemaEnums().map((e) => e.name)).toEqual(
      expect.arrayContaining(['FinalSummaryState', 'OutcomeType', 'GroupSessionTopic', 'IndicatorUnit']),
    );
  });

  it('every enum of the built schema has a fi, sv and en label for every value', () => {
    const problems: string[] = [];
    for (const type of schemaEnums()) {
      const table = enumLabels[type.name];
      if (!table) {
        problems.push(`${type.name}: no labels in src/modules/i18n/labels.ts`);
        continue;
      }
      for (const value of type.getValues()) {
        const label = table[value.name];
        for (const language of LANGUAGES) {
          if (!label?.[language]?.trim()) problems.push(`${type.name}.${value.name}: missing ${language}`);
        }
      }
      const stale = Object.keys(table).filter((value) => !type.getValue(value));
      if (stale.length) problems.push(`${type.name}: labels for values not in the schema: ${stale.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('has no blank label, also for enums of modules not yet in the schema', () => {
    const blank = Object.entries(enumLabels).flatMap(([name, table]) =>
      Object.entries(table).flatMap(([value, label]) =>
        LANGUAGES.filter((language) => !label[language]?.trim()).map((language) => `${name}.${value}.${language}`),
      ),
    );
    expect(blank).toEqual([]);
  });
});

describe('I18nService', () => {
  const service = new I18nService();

  it('lists one enum in declaration order', () => {
    expect(service.enumLabels('OutcomeCheckpoint')).toEqual([
      { value: 'AT_END', label: expect.objectContaining({ fi: 'Jakson päättyessä' }) },
      { value: 'FOLLOW_UP_3_MONTHS', label: expect.objectContaining({ en: 'Follow-up after 3 months' }) },
      { value: 'FOLLOW_UP_6_MONTHS', label: expect.objectContaining({ sv: 'Uppföljning efter 6 mån' }) },
    ]);
  });

  it.each(['NoSuchEnum', 'toString', '__proto__', ''])('refuses the unknown enum %p naming the argument', (name) => {
    const error = captureDomainError(() => service.enumLabels(name));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('UNKNOWN_ENUM');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'enum' })]);
  });

  it('lists all enums sorted by name', () => {
    const names = service.allEnumLabels().map((e) => e.enum);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(Object.keys(enumLabels).length);
  });
});
