import { Field, InputType, ObjectType } from 'type-graphql';

/** Labels of catalogue entries in the two official languages and English. */
@ObjectType({ description: 'A label in Finnish, Swedish and English.' })
@InputType('LocalizedTextInput')
export class LocalizedText {
  @Field(() => String)
  fi: string;

  @Field(() => String)
  sv: string;

  @Field(() => String)
  en: string;
}

export const localized = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });
