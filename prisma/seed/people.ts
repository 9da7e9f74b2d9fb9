import type { Locale } from '../../src/generated/prisma/enums.ts';
import type { Random } from './random.ts';

/** A generated person, before ids and dates: what a real sign-up would have typed. */
export interface Person {
  handle: string;
  displayName: string;
  locale: Locale;
  timezone: string;
}

// [latin spelling for handles, display spelling]. Russian names display in Cyrillic; Spanish
// ones keep their accents, which handles drop (handles are [a-z0-9_]).
type Name = readonly [latin: string, display: string];
const same = (names: string[]): Name[] => names.map((name) => [name, name] as const);

const english = {
  first: same([
    'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'James',
    'Mia', 'William', 'Amelia', 'Benjamin', 'Harper', 'Lucas', 'Evelyn', 'Henry', 'Abigail', 'Theodore',
    'Emily', 'Jack', 'Ella', 'Samuel', 'Chloe', 'Owen', 'Zoe', 'Nathan', 'Hannah', 'Ethan',
  ]),
  last: same([
    'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Clark',
    'Lewis', 'Walker', 'Hall', 'Allen', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker',
    'Adams', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans',
  ]),
};

const russian = {
  female: [
    ['anna', 'Анна'], ['maria', 'Мария'], ['elena', 'Елена'], ['olga', 'Ольга'], ['natalia', 'Наталья'],
    ['ekaterina', 'Екатерина'], ['tatiana', 'Татьяна'], ['irina', 'Ирина'], ['svetlana', 'Светлана'],
    ['daria', 'Дарья'], ['polina', 'Полина'], ['sofia', 'Софья'], ['alisa', 'Алиса'], ['vera', 'Вера'],
  ] as Name[],
  male: [
    ['alexey', 'Алексей'], ['dmitry', 'Дмитрий'], ['sergey', 'Сергей'], ['andrey', 'Андрей'], ['ivan', 'Иван'],
    ['mikhail', 'Михаил'], ['nikolai', 'Николай'], ['pavel', 'Павел'], ['artem', 'Артём'], ['maxim', 'Максим'],
    ['egor', 'Егор'], ['kirill', 'Кирилл'], ['roman', 'Роман'], ['timur', 'Тимур'],
  ] as Name[],
  // All end in -ov/-ev/-in, whose feminine form is the same word plus "a".
  last: [
    ['ivanov', 'Иванов'], ['smirnov', 'Смирнов'], ['kuznetsov', 'Кузнецов'], ['popov', 'Попов'],
    ['vasiliev', 'Васильев'], ['petrov', 'Петров'], ['sokolov', 'Соколов'], ['mikhailov', 'Михайлов'],
    ['novikov', 'Новиков'], ['fedorov', 'Фёдоров'], ['morozov', 'Морозов'], ['volkov', 'Волков'],
    ['lebedev', 'Лебедев'], ['kozlov', 'Козлов'], ['pavlov', 'Павлов'], ['orlov', 'Орлов'],
    ['belyaev', 'Беляев'], ['zaitsev', 'Зайцев'], ['ilyin', 'Ильин'], ['karpov', 'Карпов'],
  ] as Name[],
};

const spanish = {
  first: same([
    'Lucía', 'Sofía', 'Martina', 'María', 'Paula', 'Valentina', 'Camila', 'Daniela', 'Julia', 'Inés',
    'Carmen', 'Elena', 'Hugo', 'Mateo', 'Martín', 'Lucas', 'Leo', 'Daniel', 'Alejandro', 'Pablo',
    'Álvaro', 'Adrián', 'Diego', 'Javier', 'Sergio', 'Andrés', 'Tomás', 'Joaquín',
  ]),
  last: same([
    'García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez',
    'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Navarro',
    'Torres', 'Ramírez', 'Castillo', 'Ortega', 'Vargas',
  ]),
};

// Repeats weight the common zones. Every entry is Intl's canonical spelling, which is what
// the API stores (src/validation.ts): "Europe/Kyiv" or "Asia/Kolkata" would not round-trip.
const timezones: Record<Locale, string[]> = {
  EN: [
    'America/New_York', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles',
    'America/Los_Angeles', 'America/Toronto', 'Europe/London', 'Europe/London', 'Europe/Dublin',
    'Australia/Sydney', 'Asia/Singapore', 'UTC',
  ],
  RU: [
    'Europe/Moscow', 'Europe/Moscow', 'Europe/Moscow', 'Europe/Samara', 'Europe/Kaliningrad',
    'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Novosibirsk', 'Asia/Vladivostok',
  ],
  ES: [
    'Europe/Madrid', 'Europe/Madrid', 'Atlantic/Canary', 'America/Mexico_City', 'America/Mexico_City',
    'America/Bogota', 'America/Lima', 'America/Santiago', 'America/Montevideo', 'America/Caracas',
  ],
};

function pickName(random: Random, locale: Locale): { first: Name; last: Name } {
  if (locale === 'EN') return { first: random.pick(english.first), last: random.pick(english.last) };
  if (locale === 'ES') return { first: random.pick(spanish.first), last: random.pick(spanish.last) };
  const female = random.chance(0.5);
  const first = random.pick(female ? russian.female : russian.male);
  const last = random.pick(russian.last);
  return { first, last: female ? [`${last[0]}a`, `${last[1]}а`] : last };
}

/** Lowercase ASCII letters and digits only: "Álvarez" -> "alvarez", "Muñoz" -> "munoz". */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

// The shapes people actually pick, so a list of handles does not look machine-made.
const handleShapes: ((first: string, last: string, random: Random) => string)[] = [
  (first, last) => `${first}_${last}`,
  (first, last) => `${first}${last}`,
  (first, last) => `${first[0]}${last}`,
  (first, last) => `${first}_${last[0]}`,
  (first, _last, random) => `${first}${random.int(1, 99)}`,
  (first, last) => `${last}_${first}`,
  (first, last, random) => `${first}_${last}${random.int(70, 99)}`,
  (first, last, random) => `${first[0]}_${last}_${random.int(1, 9)}`,
];

/** A unique handle: the chosen shape, or the same with a counter when it is already taken. */
function uniqueHandle(base: string, taken: Set<string>): string {
  const trimmed = base.slice(0, 32);
  let handle = trimmed;
  for (let counter = 2; taken.has(handle); counter++) {
    const suffix = `_${counter}`;
    handle = trimmed.slice(0, 32 - suffix.length) + suffix;
  }
  taken.add(handle);
  return handle;
}

/** Someone new in the given locale; their handle is added to `taken`. */
export function createPerson(random: Random, locale: Locale, taken: Set<string>): Person {
  const { first, last } = pickName(random, locale);
  const shape = random.pick(handleShapes);
  const handle = uniqueHandle(shape(slug(first[0]), slug(last[0]), random), taken);
  // Some people show only a first name, as they do on real networks.
  const displayName = random.chance(0.1) ? first[1] : `${first[1]} ${last[1]}`;
  return { handle, displayName, locale, timezone: random.pick(timezones[locale]) };
}
