import { describe, expect, it } from 'vitest';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();

// The first 30 lines of the Kaggle Titanic training set (CRLF, as some downloads have it).
const TITANIC = `PassengerId,Survived,Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked
1,0,3,"Braund, Mr. Owen Harris",male,22.0,1,0,A/5 21171,7.25,,S
2,1,1,"Cumings, Mrs. John Bradley (Florence Briggs Thayer)",female,38.0,1,0,PC 17599,71.2833,C85,C
3,1,3,"Heikkinen, Miss. Laina",female,26.0,0,0,STON/O2. 3101282,7.925,,S
4,1,1,"Futrelle, Mrs. Jacques Heath (Lily May Peel)",female,35.0,1,0,113803,53.1,C123,S
5,0,3,"Allen, Mr. William Henry",male,35.0,0,0,373450,8.05,,S
6,0,3,"Moran, Mr. James",male,,0,0,330877,8.4583,,Q
7,0,1,"McCarthy, Mr. Timothy J",male,54.0,0,0,17463,51.8625,E46,S
8,0,3,"Palsson, Master. Gosta Leonard",male,2.0,3,1,349909,21.075,,S
9,1,3,"Johnson, Mrs. Oscar W (Elisabeth Vilhelmina Berg)",female,27.0,0,2,347742,11.1333,,S
10,1,2,"Nasser, Mrs. Nicholas (Adele Achem)",female,14.0,1,0,237736,30.0708,,C
11,1,3,"Sandstrom, Miss. Marguerite Rut",female,4.0,1,1,PP 9549,16.7,G6,S
12,1,1,"Bonnell, Miss. Elizabeth",female,58.0,0,0,113783,26.55,C103,S
13,0,3,"Saundercock, Mr. William Henry",male,20.0,0,0,A/5. 2151,8.05,,S
14,0,3,"Andersson, Mr. Anders Johan",male,39.0,1,5,347082,31.275,,S
15,0,3,"Vestrom, Miss. Hulda Amanda Adolfina",female,14.0,0,0,350406,7.8542,,S
16,1,2,"Hewlett, Mrs. (Mary D Kingcome) ",female,55.0,0,0,248706,16.0,,S
17,0,3,"Rice, Master. Eugene",male,2.0,4,1,382652,29.125,,Q
18,1,2,"Williams, Mr. Charles Eugene",male,,0,0,244373,13.0,,S
19,0,3,"Vander Planke, Mrs. Julius (Emelia Maria Vandemoortele)",female,31.0,1,0,345763,18.0,,S
20,1,3,"Masselmani, Mrs. Fatima",female,,0,0,2649,7.225,,C
21,0,2,"Fynney, Mr. Joseph J",male,35.0,0,0,239865,26.0,,S
22,1,2,"Beesley, Mr. Lawrence",male,34.0,0,0,248698,13.0,D56,S
23,1,3,"McGowan, Miss. Anna ""Annie""",female,15.0,0,0,330923,8.0292,,Q
24,1,1,"Sloper, Mr. William Thompson",male,28.0,0,0,113788,35.5,A6,S
25,0,3,"Palsson, Miss. Torborg Danira",female,8.0,3,1,349909,21.075,,S
26,1,3,"Asplund, Mrs. Carl Oscar (Selma Augusta Emilia Johansson)",female,38.0,1,5,347077,31.3875,,S
27,0,3,"Emir, Mr. Farred Chehab",male,,0,0,2631,7.225,,C
28,0,1,"Fortune, Mr. Charles Alexander",male,19.0,3,2,19950,263.0,C23 C25 C27,S
29,1,3,"O'Dwyer, Miss. Ellen ""Nellie""",female,,0,0,330959,7.8792,,Q
`.replace(/\n/g, '\r\n');

describe('titanic-like fixture', () => {
  it('infers the expected schema', async () => {
    const f = await fx.read(TITANIC);
    expect(f.nrow).toBe(29);
    expect(Object.fromEntries(f.schema.map((c) => [c.name, c.type]))).toEqual({
      PassengerId: 'id',
      Survived: 'numeric',
      Pclass: 'numeric',
      Name: 'text',
      Sex: 'categorical',
      Age: 'numeric',
      SibSp: 'numeric',
      Parch: 'numeric',
      // 349909 appears twice, so tickets are not unique ids.
      Ticket: 'categorical',
      Fare: 'numeric',
      Cabin: 'categorical',
      Embarked: 'categorical',
    });
  });

  it('keeps values, quotes and missing cells', async () => {
    const f = await fx.read(TITANIC);
    const age = f.numeric('Age');
    expect(age[0]).toBe(22);
    expect(age[5]).toBeNaN();
    expect(Array.from(age).filter(Number.isNaN)).toHaveLength(5);
    expect(f.strings('Name')[22]).toBe('McGowan, Miss. Anna "Annie"');
    expect(f.strings('Name')[15]).toBe('Hewlett, Mrs. (Mary D Kingcome)');
    expect(f.strings('Cabin').filter((c) => c === null)).toHaveLength(21);
    expect(f.strings('Sex').slice(0, 3)).toEqual(['male', 'female', 'female']);
    expect(f.numeric('Fare')[27]).toBe(263);
  });
});
