/** Names and languages the demo's people (and the simulated referrals) are made of. */

export const FINNISH_FIRST = {
  m: [
    'Mikko',
    'Jari',
    'Timo',
    'Antti',
    'Janne',
    'Ville',
    'Tuomas',
    'Sami',
    'Teemu',
    'Lauri',
    'Joonas',
    'Aleksi',
    'Eetu',
    'Niko',
    'Petteri',
    'Kalle',
    'Oskari',
    'Henri',
    'Markku',
    'Risto',
    'Juho',
    'Onni',
    'Elias',
    'Veeti',
    'Jesse',
    'Pasi',
  ],
  f: [
    'Johanna',
    'Minna',
    'Tiina',
    'Sari',
    'Laura',
    'Jenni',
    'Emmi',
    'Aino',
    'Siiri',
    'Heli',
    'Marjo',
    'Kaisa',
    'Riikka',
    'Pauliina',
    'Sanni',
    'Veera',
    'Iida',
    'Anu',
    'Päivi',
    'Milla',
    'Jonna',
    'Tanja',
  ],
};
export const FINNISH_LAST = [
  'Virtanen',
  'Korhonen',
  'Nieminen',
  'Hämäläinen',
  'Heikkinen',
  'Koskinen',
  'Järvinen',
  'Lehtonen',
  'Salminen',
  'Niemi',
  'Turunen',
  'Rantanen',
  'Lindholm',
  'Jokinen',
  'Mattila',
  'Ketola',
  'Kuusisto',
  'Vuorela',
  'Aro',
  'Lahtinen',
  'Grönlund',
  'Salo',
  'Peltola',
  'Ojala',
  'Lepistö',
  'Kivelä',
  'Mäntylä',
  'Huhtala',
  'Pihlaja',
  'Levo',
  'Santala',
  'Uusitalo',
  'Viljanen',
  'Tamminen',
];
export const SWEDISH_FINNS = {
  first: { m: ['Mattias', 'Johan', 'Niklas'], f: ['Linnea', 'Emma', 'Sara'] },
  last: ['Sundström', 'Sjöblom', 'Holmberg', 'Lindroos'],
};

export interface Origin {
  language: string;
  extraLanguages: string[];
  first: { m: string[]; f: string[] };
  last: { m: string[]; f: string[] } | string[];
  weight: number;
}

export const ORIGINS: Origin[] = [
  {
    language: 'so',
    extraLanguages: ['en', 'ar'],
    first: { m: ['Abdi', 'Mohamed', 'Hassan', 'Abdirahman', 'Ismail'], f: ['Hodan', 'Ayaan', 'Fadumo', 'Sahra', 'Hibaq'] },
    last: ['Warsame', 'Osman', 'Abdullahi', 'Hirsi', 'Jama', 'Farah'],
    weight: 5,
  },
  {
    language: 'ar',
    extraLanguages: ['en'],
    first: { m: ['Ali', 'Omar', 'Yusuf', 'Karim', 'Mustafa'], f: ['Zainab', 'Noor', 'Huda', 'Rana', 'Layla'] },
    last: ['Al-Hashimi', 'Haddad', 'Jabbar', 'Saleh', 'Mansour', 'Kareem'],
    weight: 6,
  },
  {
    language: 'uk',
    extraLanguages: ['ru', 'en'],
    first: { m: ['Oleksandr', 'Dmytro', 'Andrii', 'Serhii', 'Bohdan'], f: ['Iryna', 'Olena', 'Natalia', 'Yuliia', 'Kateryna'] },
    last: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Melnyk', 'Kravchenko'],
    weight: 8,
  },
  {
    language: 'ru',
    extraLanguages: ['en'],
    first: { m: ['Sergei', 'Aleksei', 'Pavel'], f: ['Tatiana', 'Svetlana', 'Olga'] },
    last: { m: ['Ivanov', 'Smirnov', 'Volkov', 'Morozov'], f: ['Ivanova', 'Smirnova', 'Volkova', 'Morozova'] },
    weight: 4,
  },
  {
    language: 'fa',
    extraLanguages: ['ps', 'en'],
    first: { m: ['Ahmad', 'Hamid', 'Reza', 'Javad'], f: ['Mariam', 'Fatima', 'Zahra', 'Shabnam'] },
    last: ['Rahimi', 'Karimi', 'Ahmadi', 'Sultani', 'Hosseini'],
    weight: 5,
  },
  {
    language: 'vi',
    extraLanguages: ['en'],
    first: { m: ['Minh', 'Tuan', 'Duc'], f: ['Linh', 'Thao', 'Anh'] },
    last: ['Nguyen', 'Tran', 'Le', 'Pham'],
    weight: 3,
  },
  {
    language: 'et',
    extraLanguages: ['ru'],
    first: { m: ['Kristjan', 'Marko', 'Rein'], f: ['Liis', 'Kadri', 'Triin'] },
    last: ['Tamm', 'Saar', 'Sepp', 'Mägi'],
    weight: 3,
  },
  {
    language: 'th',
    extraLanguages: ['en'],
    first: { m: ['Somchai', 'Anan'], f: ['Malee', 'Suda', 'Nok'] },
    last: ['Srisuk', 'Boonmee', 'Chaiyasit'],
    weight: 2,
  },
  {
    language: 'ti',
    extraLanguages: ['ar', 'en'],
    first: { m: ['Yonas', 'Tesfay', 'Dawit'], f: ['Senait', 'Helen', 'Selam'] },
    last: ['Tesfamariam', 'Gebremedhin', 'Haile'],
    weight: 2,
  },
  {
    language: 'ku',
    extraLanguages: ['ar', 'en'],
    first: { m: ['Rebin', 'Karwan', 'Dilan'], f: ['Shilan', 'Nasrin', 'Avin'] },
    last: ['Mahmoud', 'Rasul', 'Aziz'],
    weight: 3,
  },
];

/** Letters a-z only, for made-up e-mail addresses. */
export const ascii = (value: string) =>
  value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '');
