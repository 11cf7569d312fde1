import { Arg, Field, ObjectType, Query, Resolver } from 'type-graphql';

import { LocalizedText } from '../shared/localized-text';
import type { I18nService } from './i18n.service';

@ObjectType({ description: 'One value of an enum with its label in Finnish, Swedish and English.' })
class EnumLabel {
  @Field(() => String)
  value: string;

  @Field(() => LocalizedText)
  label: LocalizedText;
}

@ObjectType()
class EnumLabels {
  @Field(() => String, { description: 'The GraphQL enum name, e.g. PeriodPhase.' })
  enum: string;

  @Field(() => [EnumLabel])
  values: EnumLabel[];
}

@Resolver()
export class I18nResolver {
  constructor(private readonly i18nService: I18nService) {}

  @Query(() => [EnumLabel], { description: 'Labels of one enum in declaration order; an unknown name is BAD_USER_INPUT.' })
  enumLabels(@Arg('enum', () => String) name: string): EnumLabel[] {
    return this.i18nService.enumLabels(name);
  }

  @Query(() => [EnumLabels], { description: 'Labels of every enum, for clients that cache them at start-up.' })
  allEnumLabels(): EnumLabels[] {
    return this.i18nService.allEnumLabels();
  }
}
