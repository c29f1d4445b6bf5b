/* The syscall floor for an apply from scratch: only the mkdir and symlink calls that the apply
 * makes, in its order, nothing else (no planning, no checks, no journal, no state).
 * Usage: floor-apply OPSFILE, lines "D<TAB>dir" (mkdir) or "L<TAB>target<TAB>text" (symlink),
 * written by bench/run.mjs from `linkfarm plan --json`. Prints how many links it made.
 * Compiled by bench/run.mjs into bench/work/ at bench time. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: floor-apply OPSFILE\n"); return 2; }
  FILE *f = fopen(argv[1], "r");
  if (!f) { perror(argv[1]); return 2; }
  static char line[16384];
  long links = 0;
  while (fgets(line, sizeof line, f)) {
    size_t n = strlen(line);
    if (n && line[n - 1] == '\n') line[--n] = 0;
    if (n < 3 || line[1] != '\t') continue;
    char *a = line + 2;
    if (line[0] == 'D') {
      if (mkdir(a, 0777) != 0 && errno != EEXIST) { perror(a); return 1; }
    } else if (line[0] == 'L') {
      char *tab = strchr(a, '\t');
      if (!tab) continue;
      *tab = 0;
      if (symlink(tab + 1, a) != 0) { perror(a); return 1; }
      links++;
    }
  }
  fclose(f);
  printf("%ld\n", links);
  return 0;
}
