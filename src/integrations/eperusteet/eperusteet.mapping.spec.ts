import fs from 'node:fs';
import path from 'node:path';

import { EPERUSTEET_FIXTURES } from './eperusteet.fixture';
import { mapPeruste, mapPerusteList, plain } from './eperusteet.mapping';
import { QualificationSourceError } from './eperusteet.port';

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(EPERUSTEET_FIXTURES, name), 'utf8')) as Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

function refusal(json: unknown): QualificationSourceError {
  try {
    mapPeruste(json);
  } catch (error) {
    expect(error).toBeInstanceOf(QualificationSourceError);
    return error as QualificationSourceError;
  }
  throw new Error('the peruste was mapped');
}

/** A peruste with one unit, for the cases the fixtures do not show. */
function onePeruste(unit: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 100,
    nimi: { _id: '1', fi: 'Testialan perustutkinto' },
    diaarinumero: 'OPH-1-2020',
    tutkinnonOsat: [{ id: 200, nimi: { fi: 'Osa' }, ...unit }],
  };
}

describe('mapPeruste', () => {
  it('maps a published peruste (PerusteKaikkiDto) to the qualification, its units and requirements', () => {
    const qualification = mapPeruste(fixture('peruste-3397336.json'));
    expect(qualification).toMatchObject({
      externalId: '3397336',
      diaryNumber: 'OPH-2660-2017',
      name: {
        fi: 'Puhtaus- ja kiinteistöpalvelualan perustutkinto',
        sv: 'Grundexamen inom rengörings- och fastighetsservice',
        en: 'Vocational Qualification in Cleaning and Property Services',
      },
      // globalVersion.aikaleima, epoch milliseconds in the API.
      version: '2023-10-31T09:00:00.000Z',
    });
    // The common unit (reformi_tutke2, with osa-alueet) is left out.
    expect(qualification.units.map((u) => [u.externalId, u.code, u.name.fi, u.competencePoints, u.requirements.length])).toEqual([
      ['3397461', '106230', 'Kiinteistön ulkoalueiden hoito', 30, 4],
      ['3397462', '106231', 'Ylläpitosiivous', 45, 6],
      // No laajuus on the unit itself: the suoritustapa's tutkinnonOsaViite gives it.
      ['3397463', '106232', 'Kiinteistön sisätilojen ja järjestelmien hoito', 45, 3],
      ['3397464', '106233', 'Jätehuolto ja kierrätys kiinteistöllä', 15, 3],
    ]);
    expect(qualification.units[0].requirements[0]).toEqual({
      code: 'ammattitaitovaatimukset_5201',
      text: 'suunnittelee työnsä ulkoalueiden hoitosuunnitelman ja työohjeen mukaan',
    });
  });

  it('reads requirements under areas (kohdealueet), codes those without a national code by their place, strips markup and skips empty ones', () => {
    const cleaning = mapPeruste(fixture('peruste-3397336.json')).units[1];
    expect(cleaning.requirements).toEqual([
      { code: 'ammattitaitovaatimukset_5210', text: 'valitsee siivousmenetelmät, -välineet ja -aineet pintamateriaalin ja likaantumisen mukaan' },
      { code: 'ammattitaitovaatimukset_5211', text: 'annostelee puhdistusaineet käyttöturvallisuustiedotteen mukaan' },
      { code: 'ammattitaitovaatimukset_5212', text: 'tekee ylläpitosiivousta asiakaskohteen laatuvaatimusten mukaisesti' },
      { code: '#2.2', text: 'toimii ergonomisesti ja työturvallisesti siivoustyössä' },
      { code: 'ammattitaitovaatimukset_5214', text: 'huolehtii siivousvälineiden ja -koneiden puhtaudesta ja kunnosta' },
      // "<p>arvioi työnsä laatua&nbsp;ja …</p>" in the API.
      { code: 'ammattitaitovaatimukset_5215', text: 'arvioi työnsä laatua ja toimii asiakaslähtöisesti' },
    ]);
  });

  it('maps the later version: a changed text under the same code, a new requirement, a unit gone', () => {
    const first = mapPeruste(fixture('peruste-3397336.json'));
    const second = mapPeruste(fixture('v2/peruste-3397336.json'));
    expect(second.version).toBe('2024-10-01T09:00:00.000Z');
    expect(second.units.map((u) => u.externalId)).toEqual(['3397461', '3397462', '3397463']);
    expect(second.units[0].requirements[0]).toEqual({
      code: first.units[0].requirements[0].code,
      text: 'suunnittelee työnsä ulkoalueiden hoitosuunnitelman, työohjeen ja sääolosuhteiden mukaan',
    });
    expect(second.units[1].requirements.map((r) => r.code)).toEqual([
      ...first.units[1].requirements.map((r) => r.code),
      'ammattitaitovaatimukset_5216',
    ]);
  });

  it('maps every fixture qualification', () => {
    expect(mapPeruste(fixture('peruste-3689879.json')).units.map((u) => [u.name.fi, u.competencePoints, u.requirements.length])).toEqual([
      ['Ruoanvalmistuksessa toimiminen', 45, 4],
      ['Asiakaspalvelussa toimiminen', 45, 3],
      ['Keittiön hygienia ja astiahuolto', 15, 3],
    ]);
    expect(mapPeruste(fixture('peruste-3886019.json'))).toMatchObject({ diaryNumber: 'OPH-2545-2017', name: { fi: 'Logistiikan perustutkinto' } });
  });

  it('reads the pre-reform list (ammattitaitovaatimuksetLista) when a unit has no 2019 structure', () => {
    const qualification = mapPeruste(
      onePeruste({
        laajuus: 15,
        koodi: { arvo: '100001', uri: 'tutkinnonosat_100001' },
        ammattitaitovaatimukset: { fi: '<p>Opiskelija osaa…</p>' },
        ammattitaitovaatimuksetLista: [
          {
            otsikko: { fi: 'Työprosessin hallinta' },
            vaatimuksenKohteet: [
              {
                otsikko: { fi: 'Opiskelija suunnittelee työnsä' },
                vaatimukset: [
                  { selite: { fi: 'selvittää työtehtävän' }, ammattitaitovaatimusKoodi: 'AV-1', jarjestys: 1 },
                  { selite: { fi: 'valitsee <b>työvälineet</b>' }, ammattitaitovaatimusKoodi: null, jarjestys: 2 },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(qualification).toMatchObject({ externalId: '100', version: null });
    expect(qualification.units).toEqual([
      {
        externalId: '200',
        code: '100001',
        name: { fi: 'Osa' },
        competencePoints: 15,
        requirements: [
          { code: 'AV-1', text: 'selvittää työtehtävän' },
          { code: '#1.1.2', text: 'valitsee työvälineet' },
        ],
      },
    ]);
  });

  it('takes one requirement listed under two areas once, and a unit without requirements as it is', () => {
    const twice = { koodi: { uri: 'ammattitaitovaatimukset_9' }, vaatimus: { fi: 'toimii turvallisesti' } };
    const qualification = mapPeruste(
      onePeruste({ ammattitaitovaatimukset2019: { kohdealueet: [{ vaatimukset: [twice] }, { vaatimukset: [twice] }] } }),
    );
    expect(qualification.units[0]).toMatchObject({
      competencePoints: null,
      code: null,
      requirements: [{ code: 'ammattitaitovaatimukset_9', text: 'toimii turvallisesti' }],
    });
    expect(mapPeruste(onePeruste({})).units[0].requirements).toEqual([]);
  });

  it('refuses the malformed fixture, naming every place that is wrong', () => {
    const error = refusal(fixture('malformed/peruste-3886019.json'));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/^ePerusteet peruste 3886019 cannot be imported: /);
    expect(error.problems).toEqual([
      'tutkinnonOsat[1].nimi: Invalid input: expected object, received undefined',
      'tutkinnonOsat[2].laajuus: Invalid input: expected number, received string',
    ]);
  });

  it('refuses what the catalogue cannot hold rather than cutting or guessing', () => {
    const peruste = clone(fixture('peruste-3886019.json')) as {
      diaarinumero: string;
      nimi: { fi?: string };
      tutkinnonOsat: Array<{
        id: number;
        laajuus: number;
        nimi: { fi?: string };
        ammattitaitovaatimukset2019: { vaatimukset: Array<{ koodi: unknown; vaatimus: { fi: string } }> };
      }>;
    };
    peruste.diaarinumero = ' ';
    delete peruste.nimi.fi;
    peruste.tutkinnonOsat[0].laajuus = 12.25;
    peruste.tutkinnonOsat[1].id = peruste.tutkinnonOsat[0].id;
    peruste.tutkinnonOsat[2].ammattitaitovaatimukset2019.vaatimukset[1].koodi =
      peruste.tutkinnonOsat[2].ammattitaitovaatimukset2019.vaatimukset[0].koodi;
    peruste.tutkinnonOsat[2].ammattitaitovaatimukset2019.vaatimukset[2].vaatimus.fi = 'x'.repeat(4001);
    expect(refusal(peruste).problems).toEqual([
      'nimi.fi: a Finnish name is required',
      'diaarinumero: empty',
      'tutkinnonOsat[0].laajuus: 12.25 is not a number of competence points (0–9999.9, one decimal)',
      'tutkinnonOsat[1].id: 3886101 appears twice',
      'tutkinnonOsat[2].ammattitaitovaatimukset2019.vaatimukset[1]: the code ammattitaitovaatimukset_5420 has another text at tutkinnonOsat[2].ammattitaitovaatimukset2019.vaatimukset[0]',
      'tutkinnonOsat[2].ammattitaitovaatimukset2019.vaatimukset[2]: text longer than 4000 characters',
    ]);
  });

  it('refuses an answer that is no peruste at all', () => {
    expect(refusal(null).message).toBe(
      'ePerusteet peruste (without an id) cannot be imported: (the answer): Invalid input: expected object, received null',
    );
    expect(refusal({ id: 'abc', nimi: {}, diaarinumero: 'x' }).problems).toEqual(['id: expected digits']);
  });
});

describe('mapPerusteList', () => {
  it('lists the qualifications of a page of /api/external/perusteet', () => {
    expect(mapPerusteList(fixture('perusteet.json'))).toEqual({
      qualifications: [
        {
          externalId: '3397336',
          diaryNumber: 'OPH-2660-2017',
          name: {
            fi: 'Puhtaus- ja kiinteistöpalvelualan perustutkinto',
            sv: 'Grundexamen inom rengörings- och fastighetsservice',
            en: 'Vocational Qualification in Cleaning and Property Services',
          },
        },
        expect.objectContaining({ externalId: '3689879', diaryNumber: 'OPH-2608-2017' }),
        expect.objectContaining({ externalId: '3886019', diaryNumber: 'OPH-2545-2017' }),
      ],
      totalPages: 1,
      last: true,
    });
  });

  it('reads older and newer page shapes and leaves single units out', () => {
    const page = {
      content: [
        { perusteId: 7, nimi: { fi: 'Vanha muoto' }, diaarinumero: 'OPH-7-2015' },
        { id: 8, nimi: { fi: 'Tutkinnon osa' }, sisaltotyyppi: 'tutkinnonosa' },
        { id: 9, nimi: null, diaarinumero: null },
      ],
      page: { size: 3, number: 0, totalElements: 9, totalPages: 3 },
    };
    expect(mapPerusteList(page)).toEqual({
      qualifications: [
        { externalId: '7', diaryNumber: 'OPH-7-2015', name: { fi: 'Vanha muoto' } },
        { externalId: '9', diaryNumber: null, name: null },
      ],
      totalPages: 3,
      last: null,
    });
  });
});

describe('plain', () => {
  it('keeps the text of ePerusteet markup', () => {
    expect(plain('<p>käyttää&nbsp;koneita &amp; laitteita<br/>turvallisesti</p>\n')).toBe('käyttää koneita & laitteita turvallisesti');
    expect(plain('&#228;&#x00e4; &unknown;')).toBe('ää &unknown;');
    expect(plain(null)).toBe('');
  });
});
