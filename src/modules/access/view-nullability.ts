import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { GraphQLNonNull, GraphQLSchema } from 'graphql';

import { typeRules, View, viewsForField } from './permission-matrix';

/**
 * A field that some viewers of its type may not read is made nullable, so that a refusal nulls that
 * one field (with a FORBIDDEN error at its path) instead of bubbling up and wiping the whole row or
 * list: a coach's roster of 100 trainees must survive asking for the phone numbers of their own.
 * Derived from the matrix, so the schema and the rules cannot disagree.
 */
export function applyViewNullability(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const rule = typeRules[typeName];
      if (!rule || !(field.type instanceof GraphQLNonNull)) return field;
      const views = viewsForField(typeName, fieldName)!;
      return viewsOfType(typeName).every((view) => views.includes(view)) ? field : { ...field, type: field.type.ofType };
    },
  });
}

/** Every view that can read at least one field of the type. */
export function viewsOfType(typeName: string): View[] {
  const rule = typeRules[typeName];
  const views = new Set<View>(rule.otherFields);
  for (const fieldViews of Object.values(rule.fields ?? {})) for (const view of fieldViews) views.add(view);
  return [...views];
}
