import { FAMOUS, GIVEN, wordFlags } from "./lexicon";
import type { Candidate } from "./types";

/*
 * Well-known public and fictional figures, for projects that keep their names (the project setting
 * keepPublicFigures, off by default). The redactor cannot tell "a poem about Abraham Lincoln" from a
 * user's namesake, so a project turns this on only when its prompts are about public life more often
 * than they name private people who share a famous name: with it on, "my neighbour Taylor Swift" keeps
 * the name too. A name is kept only when the whole finding is one of these (or one famous word, such
 * as "Mozart", from the lexicon's FAMOUS list), so "my grandfather Abraham Lincoln Jones" is still
 * redacted; its parts are then kept where they recur in the same text ("Lincoln was tall"). A single
 * word that is also a given name ("Juliet", "Leonardo", "Adele") is never kept on its own: "my son
 * Leonardo" is far likelier than the painter named by one word.
 *
 * The list is written by hand: heads of state and government, historical and religious figures,
 * scientists, thinkers, writers, artists, composers, musicians, actors, directors, business leaders,
 * athletes, and fictional characters, each spelled as prompts name them (variants on their own line).
 */
const PUBLIC_FIGURES = `
George Washington|John Adams|Thomas Jefferson|James Madison|James Monroe|John Quincy Adams|Andrew Jackson
Abraham Lincoln|Ulysses S. Grant|Ulysses Grant|Theodore Roosevelt|Teddy Roosevelt|Woodrow Wilson|Calvin Coolidge
Herbert Hoover|Franklin D. Roosevelt|Franklin Delano Roosevelt|Franklin Roosevelt|Eleanor Roosevelt
Harry S. Truman|Harry Truman|Dwight D. Eisenhower|Dwight Eisenhower|John F. Kennedy|John Kennedy|Jacqueline Kennedy
Robert F. Kennedy|Lyndon B. Johnson|Lyndon Johnson|Richard Nixon|Gerald Ford|Jimmy Carter|Ronald Reagan
George H. W. Bush|George W. Bush|Bill Clinton|Hillary Clinton|Barack Obama|Michelle Obama|Donald Trump|Joe Biden
Kamala Harris|Benjamin Franklin|Alexander Hamilton|Paul Revere|Martin Luther King|Martin Luther King Jr.|Malcolm X
Rosa Parks|Frederick Douglass|Harriet Tubman|Susan B. Anthony|Sojourner Truth|Winston Churchill|Margaret Thatcher
Tony Blair|Boris Johnson|Queen Elizabeth|Queen Elizabeth II|Elizabeth II|King Charles|King Charles III|Princess Diana
Queen Victoria|Henry VIII|King Henry VIII|Elizabeth I|Queen Elizabeth I|William the Conqueror|Oliver Cromwell
Charles de Gaulle|Emmanuel Macron|Napoleon Bonaparte|Louis XIV|Marie Antoinette|Joan of Arc|Angela Merkel
Otto von Bismarck|Vladimir Putin|Joseph Stalin|Vladimir Lenin|Leon Trotsky|Mikhail Gorbachev|Boris Yeltsin
Catherine the Great|Peter the Great|Adolf Hitler|Benito Mussolini|Francisco Franco|Mao Zedong|Mao Tse-tung
Xi Jinping|Deng Xiaoping|Sun Yat-sen|Chiang Kai-shek|Ho Chi Minh|Kim Jong Un|Kim Jong-un|Kim Il Sung|Pol Pot
Mahatma Gandhi|Mohandas Gandhi|Mohandas Karamchand Gandhi|Jawaharlal Nehru|Indira Gandhi|Narendra Modi
Nelson Mandela|Desmond Tutu|Fidel Castro|Che Guevara|Simón Bolívar|Justin Trudeau|Jacinda Ardern
Volodymyr Zelensky|Volodymyr Zelenskyy|Golda Meir|Anwar Sadat|Gamal Abdel Nasser|Haile Selassie|Kofi Annan
Julius Caesar|Augustus Caesar|Alexander the Great|Genghis Khan|Attila the Hun|Hannibal Barca|Charlemagne
Cleopatra|Marcus Aurelius|Nero|Ramesses II|Tutankhamun|Suleiman the Magnificent|Queen Isabella
Christopher Columbus|Marco Polo|Ferdinand Magellan|Vasco da Gama|Amerigo Vespucci|Hernán Cortés|James Cook
Captain Cook|Ernest Shackleton|Roald Amundsen|Neil Armstrong|Buzz Aldrin|Yuri Gagarin|Sally Ride|Amelia Earhart
Charles Lindbergh|Orville Wright|Wilbur Wright|Anne Frank|Mother Teresa|Pope Francis|Pope John Paul II
Pope Benedict XVI|Dalai Lama|Jesus Christ|Jesus of Nazareth|Virgin Mary|Siddhartha Gautama|Gautama Buddha|Confucius
Martin Luther|John Calvin|Thomas Aquinas|Saint Augustine|Augustine of Hippo|Florence Nightingale|Clara Barton
Albert Einstein|Isaac Newton|Sir Isaac Newton|Galileo Galilei|Marie Curie|Pierre Curie|Charles Darwin|Nikola Tesla
Thomas Edison|Thomas Alva Edison|Stephen Hawking|Richard Feynman|Niels Bohr|Max Planck|Ada Lovelace|Alan Turing
Charles Babbage|Johannes Kepler|Nicolaus Copernicus|Tycho Brahe|Louis Pasteur|Gregor Mendel|Carl Sagan
Rosalind Franklin|James Watson|Francis Crick|Dmitri Mendeleev|Michael Faraday|James Clerk Maxwell
Erwin Schrödinger|Werner Heisenberg|Paul Dirac|Enrico Fermi|Robert Oppenheimer|J. Robert Oppenheimer
Sigmund Freud|Carl Jung|Ivan Pavlov|Jane Goodall|Grace Hopper|John von Neumann|Claude Shannon|Tim Berners-Lee
Linus Torvalds|Dennis Ritchie|Ken Thompson|Donald Knuth|Edsger Dijkstra|Geoffrey Hinton|Yann LeCun
Leonhard Euler|Carl Friedrich Gauss|Bernhard Riemann|Pierre de Fermat|Blaise Pascal|Srinivasa Ramanujan
Emmy Noether|Kurt Gödel|Georg Cantor|David Hilbert|Alexander Fleming|Edward Jenner|Jonas Salk|Alexander Graham Bell
Guglielmo Marconi|Antoine Lavoisier|Robert Boyle|Edwin Hubble|Alfred Nobel|Rachel Carson|Katherine Johnson
Aristotle|Plato|Socrates|Pythagoras|Archimedes|Euclid|Hippocrates|Immanuel Kant|Friedrich Nietzsche|Karl Marx
Friedrich Engels|Adam Smith|John Maynard Keynes|Milton Friedman|René Descartes|Jean-Paul Sartre|Simone de Beauvoir
Albert Camus|John Locke|Thomas Hobbes|David Hume|John Stuart Mill|Jean-Jacques Rousseau|Niccolò Machiavelli
Georg Wilhelm Friedrich Hegel|Søren Kierkegaard|Ludwig Wittgenstein|Bertrand Russell|Hannah Arendt|Noam Chomsky
Michel Foucault|Baruch Spinoza|Arthur Schopenhauer|Sun Tzu|Lao Tzu|Ayn Rand|Thomas Paine|Henry David Thoreau
Ralph Waldo Emerson|William Shakespeare|Jane Austen|Charles Dickens|Mark Twain|Leo Tolstoy|Fyodor Dostoevsky
Anton Chekhov|Alexander Pushkin|Ernest Hemingway|F. Scott Fitzgerald|George Orwell|Aldous Huxley|Virginia Woolf
James Joyce|Franz Kafka|Edgar Allan Poe|Emily Dickinson|Walt Whitman|Robert Frost|Maya Angelou|Toni Morrison
J. K. Rowling|J.K. Rowling|J. R. R. Tolkien|J.R.R. Tolkien|C. S. Lewis|C.S. Lewis|Agatha Christie|Stephen King
Oscar Wilde|Dante Alighieri|Miguel de Cervantes|Gabriel García Márquez|Jorge Luis Borges|Victor Hugo
Johann Wolfgang von Goethe|Geoffrey Chaucer|John Milton|William Wordsworth|Lord Byron|Percy Bysshe Shelley
Mary Shelley|John Keats|William Blake|Emily Brontë|Charlotte Brontë|Herman Melville|Harper Lee|John Steinbeck
J. D. Salinger|J.D. Salinger|Kurt Vonnegut|Ray Bradbury|Isaac Asimov|Arthur C. Clarke|Philip K. Dick
Arthur Conan Doyle|Sir Arthur Conan Doyle|H. G. Wells|H.G. Wells|Jules Verne|Lewis Carroll|Roald Dahl|Dr. Seuss
Haruki Murakami|Margaret Atwood|Sylvia Plath|Langston Hughes|Pablo Neruda|Rabindranath Tagore|Chinua Achebe
Ovid|Sappho|Rumi|Voltaire|Molière|Truman Capote|George R. R. Martin|George R.R. Martin|Neil Gaiman
Leonardo da Vinci|Michelangelo|Vincent van Gogh|Van Gogh|Pablo Picasso|Claude Monet|Rembrandt
Salvador Dalí|Frida Kahlo|Andy Warhol|Georgia O'Keeffe|Johannes Vermeer|Sandro Botticelli|Henri Matisse
Paul Cézanne|Edvard Munch|Gustav Klimt|Jackson Pollock|Banksy|Wolfgang Amadeus Mozart|Ludwig van Beethoven
Johann Sebastian Bach|Frédéric Chopin|Pyotr Ilyich Tchaikovsky|Antonio Vivaldi|Richard Wagner|Giuseppe Verdi
Claude Debussy|Franz Schubert|George Frideric Handel|Joseph Haydn|Johannes Brahms|Igor Stravinsky
John Lennon|Paul McCartney|George Harrison|Ringo Starr|Elvis Presley|Michael Jackson|Bob Dylan
Taylor Swift|Beyoncé|Beyoncé Knowles|Freddie Mercury|David Bowie|Bob Marley|Frank Sinatra|Louis Armstrong
Aretha Franklin|Whitney Houston|Jimi Hendrix|Kurt Cobain|Lady Gaga|Rihanna|Ed Sheeran|Billie Eilish
Kanye West|Eminem|Ariana Grande|Justin Bieber|Johnny Cash|Dolly Parton|Elton John|Mick Jagger|Stevie Wonder
Ray Charles|Miles Davis|Duke Ellington|Billie Holiday|Ella Fitzgerald|Nina Simone|Tina Turner|Marilyn Monroe|Charlie Chaplin|Audrey Hepburn|Tom Hanks|Meryl Streep|Leonardo DiCaprio|Brad Pitt|Angelina Jolie
Morgan Freeman|Denzel Washington|Tom Cruise|Keanu Reeves|Scarlett Johansson|Jennifer Aniston|Robert De Niro
Al Pacino|Marlon Brando|Humphrey Bogart|Clint Eastwood|Jack Nicholson|Julia Roberts|Oprah Winfrey
Steven Spielberg|Alfred Hitchcock|Stanley Kubrick|Quentin Tarantino|Christopher Nolan|Martin Scorsese
Francis Ford Coppola|Akira Kurosawa|Hayao Miyazaki|George Lucas|James Cameron|Orson Welles|Walt Disney
Bruce Lee|Jackie Chan|Arnold Schwarzenegger|Sylvester Stallone|Dwayne Johnson|Steve Jobs|Steve Wozniak
Bill Gates|Elon Musk|Mark Zuckerberg|Jeff Bezos|Warren Buffett|Larry Page|Sergey Brin|Tim Cook|Sam Altman
Satya Nadella|Sundar Pichai|Jensen Huang|Henry Ford|Andrew Carnegie|John D. Rockefeller|Coco Chanel
Michael Jordan|LeBron James|Kobe Bryant|Serena Williams|Venus Williams|Roger Federer|Rafael Nadal
Novak Djokovic|Usain Bolt|Muhammad Ali|Mike Tyson|Lionel Messi|Cristiano Ronaldo|Pelé|Diego Maradona
Tiger Woods|Babe Ruth|Jackie Robinson|Wayne Gretzky|Michael Phelps|Simone Biles|Tom Brady|Lewis Hamilton
Michael Schumacher|Ayrton Senna|Zinedine Zidane|Jesse Owens|Billie Jean King|Martina Navratilova
Sherlock Holmes|Dr. Watson|Hercule Poirot|Miss Marple|Harry Potter|Hermione Granger|Ron Weasley
Albus Dumbledore|Lord Voldemort|Severus Snape|Frodo Baggins|Bilbo Baggins|Gandalf|Aragorn|Luke Skywalker
Darth Vader|Han Solo|Princess Leia|Leia Organa|Obi-Wan Kenobi|Yoda|James Bond|Indiana Jones|Peter Pan
Hamlet|Macbeth|King Lear|Othello|Elizabeth Bennet|Mr. Darcy|Jay Gatsby|Atticus Finch
Holden Caulfield|Huckleberry Finn|Huck Finn|Tom Sawyer|Don Quixote|Ebenezer Scrooge|Oliver Twist|Jane Eyre
Anna Karenina|Katniss Everdeen|Bruce Wayne|Clark Kent|Peter Parker|Tony Stark|Captain America|Wonder Woman
Mickey Mouse|Donald Duck|Homer Simpson|Bart Simpson|Santa Claus|Winnie the Pooh|Captain Ahab|Willy Wonka
Dorian Gray|Victor Frankenstein|Count Dracula|Robin Hood|King Arthur|Walter White|Jon Snow
Daenerys Targaryen|Tyrion Lannister|Lara Croft|Super Mario|Cinderella|Snow White|Pinocchio|Odysseus|Achilles
Hercules|Zeus|Thor|Odin
`;

/** A name as compared: accents, case, dots and apostrophes folded; words joined by single spaces. */
export function figureKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

let figures: Set<string> | undefined;
const publicFigures = () => (figures ??= new Set(PUBLIC_FIGURES.split(/[|\n]/).map(figureKey).filter(Boolean)));

// Words a finding may carry in front of a famous name ("President Abraham Lincoln", "Dr. Martin
// Luther King Jr."): the name behind them is looked up without them.
const TITLES = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "sir",
  "dame",
  "lord",
  "lady",
  "president",
  "queen",
  "king",
  "prince",
  "princess",
  "pope",
  "saint",
  "st",
  "general",
  "captain",
  "professor",
  "prof",
]);

/** Whether `name` (a PERSON finding's text) is a well-known public or fictional figure, titles in front aside. */
export function isPublicFigure(name: string): boolean {
  const words = figureKey(name).split(" ");
  for (let from = 0; from < words.length; from++) {
    const rest = words.slice(from);
    if (rest.length === 1) {
      const flags = wordFlags(rest[0]!);
      if ((flags & GIVEN) === 0 && ((flags & FAMOUS) !== 0 || publicFigures().has(rest[0]!))) return true;
    } else if (publicFigures().has(rest.join(" "))) return true;
    if (!TITLES.has(words[from]!)) break;
  }
  return false;
}

/**
 * The candidates without the PERSON ones that name a public figure, and without those that repeat
 * part of a kept figure's name ("Lincoln" after "Abraham Lincoln") in the same text.
 */
export function withoutPublicFigures(text: string, candidates: Candidate[]): Candidate[] {
  const keptWords = new Set<string>();
  const isFigure = candidates.map((c) => {
    if (c.type !== "PERSON") return false;
    const name = text.slice(c.start, c.end);
    if (!isPublicFigure(name)) return false;
    for (const word of figureKey(name).split(" ")) if (word.length > 1 && !TITLES.has(word)) keptWords.add(word);
    return true;
  });
  if (keptWords.size === 0) return candidates;
  return candidates.filter((c, i) => {
    if (isFigure[i]) return false;
    if (c.type !== "PERSON") return true;
    const words = figureKey(text.slice(c.start, c.end)).split(" ");
    return !words.every((word) => keptWords.has(word) || TITLES.has(word));
  });
}
