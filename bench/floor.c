/* The syscall floor for an in-sync plan: lstat + readlink of every target, nothing else.
 * Usage: floor LISTFILE (one absolute target path per line). Prints how many were symlinks.
 * Compiled by bench/run.mjs into bench/work/ at bench time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: floor LISTFILE\n"); return 2; }
  FILE *f = fopen(argv[1], "r");
  if (!f) { perror(argv[1]); return 2; }
  char line[4096], buf[4096];
  struct stat st;
  long links = 0;
  while (fgets(line, sizeof line, f)) {
    size_t n = strlen(line);
    if (n && line[n - 1] == '\n') line[--n] = 0;
    if (!n) continue;
    if (lstat(line, &st) == 0 && S_ISLNK(st.st_mode) && readlink(line, buf, sizeof buf) >= 0) links++;
  }
  fclose(f);
  printf("%ld\n", links);
  return 0;
}
