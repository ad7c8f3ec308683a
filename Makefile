# govdisclose — PGXS build.  `make demo` and `make test` set up everything
# they need (see README.md); `make`, `make install` and `make installcheck`
# are the usual PGXS targets once the server headers are installed.

EXTENSION = govdisclose
EXTVERSION = 0.2.0

MODULE_big = govdisclose
CORE_SRCS = src/gd_model.c src/gd_rules.c src/gd_share.c src/gd_text.c src/gd_parse.c src/gd_narrative.c
CORE_HDRS = src/gd_model.h src/gd_rules.h src/gd_share.h src/gd_text.h src/gd_parse.h src/gd_narrative.h
OBJS = $(CORE_SRCS:.c=.o) src/pg_convert.o src/pg_neighbors.o src/pg_functions.o src/pg_enforce.o src/pg_import.o
PG_CPPFLAGS = -I$(srcdir)/src
# the core folds characters with utf8proc (NFKC): every link of it needs this
CORE_LIBS = -lutf8proc
SHLIB_LINK += $(CORE_LIBS)

# Released scripts are frozen (sql/govdisclose--0.1.0.sql); the current
# version's script and the upgrade into it are generated from the model.
DATA = sql/$(EXTENSION)--0.1.0.sql
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql sql/$(EXTENSION)--0.1.0--0.2.0.sql
DOCS = docs/reference.md

REGRESS = tour types validate shares enforce copy edges template2019 import catalog
REGRESS_OPTS = --load-extension=$(EXTENSION)

EXTRA_CLEAN = src/gen_sql $(UNIT_TESTS) govdisclose-import test/fuzz/fuzz_parse

# The build machine's compiler for build-time tools and unit tests.
HOST_CC ?= cc
HOST_CFLAGS ?= -std=c99 -O2 -g -Wall -Wextra -Werror -Wno-format-truncation
UNIT_SANITIZE ?= -fsanitize=address,undefined -fno-omit-frame-pointer

PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all install installcheck:
	@echo "The PostgreSQL server headers are not installed (postgresql-server-dev-15)."; \
	 echo "Run 'make test' or 'make demo', which install them, or 'test/setup.sh deps'."; exit 1
endif

srcdir ?= .

# PGXS does not track headers: every object depends on all of ours.
$(OBJS): $(CORE_HDRS) src/gd_pg.h

src/gen_sql: src/gen_sql.c $(CORE_SRCS) $(CORE_HDRS)
	$(HOST_CC) $(HOST_CFLAGS) -I src -o $@ src/gen_sql.c $(CORE_SRCS) $(CORE_LIBS)

sql/$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION).sql.in src/gen_sql
	src/gen_sql sql < sql/$(EXTENSION).sql.in > $@.tmp && mv $@.tmp $@

sql/$(EXTENSION)--0.1.0--0.2.0.sql: sql/$(EXTENSION)--0.1.0--0.2.0.sql.in src/gen_sql
	src/gen_sql sql < $< > $@.tmp && mv $@.tmp $@

# docs/reference.md is generated, and committed so it can be read online.
docs: src/gen_sql
	src/gen_sql docs > docs/reference.md
.PHONY: docs

# Unit tests of the pure C core, one binary per test/unit/test_*.c.
UNIT_TESTS = $(patsubst %.c,%,$(wildcard test/unit/test_*.c))
test/unit/test_%: test/unit/test_%.c $(CORE_SRCS) $(CORE_HDRS)
	$(HOST_CC) $(HOST_CFLAGS) $(UNIT_SANITIZE) -I src -o $@ $< $(CORE_SRCS) $(CORE_LIBS)

unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do echo "== $$t"; $$t || exit 1; done
.PHONY: unit

# The command-line converter, installed next to PostgreSQL's programs.
govdisclose-import: src/govdisclose_import.c $(CORE_SRCS) $(CORE_HDRS)
	$(HOST_CC) $(HOST_CFLAGS) -I src -o $@ src/govdisclose_import.c $(CORE_SRCS) $(CORE_LIBS)
all: govdisclose-import
install: install-import
install-import: govdisclose-import
	$(MKDIR_P) '$(DESTDIR)$(bindir)'
	$(INSTALL_PROGRAM) govdisclose-import '$(DESTDIR)$(bindir)/govdisclose-import'
.PHONY: install-import

# The parser's libFuzzer target (clang); not part of `make test`.
#   make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 60
test/fuzz/fuzz_parse: test/fuzz/fuzz_parse.c $(CORE_SRCS) $(CORE_HDRS)
	clang -g -O1 -fsanitize=fuzzer,address,undefined -I src -o $@ test/fuzz/fuzz_parse.c $(CORE_SRCS) $(CORE_LIBS)
fuzz: test/fuzz/fuzz_parse
	mkdir -p test/tmp/fuzz-corpus
	test/fuzz/fuzz_parse -max_total_time=$(FUZZ_SECONDS) test/tmp/fuzz-corpus test/fuzz/corpus
.PHONY: fuzz

# The two commands of the README.
test:
	test/run-tests.sh
demo:
	test/demo.sh
.PHONY: test demo

# Benchmarks (not part of `make test`): see docs/BENCHMARKS.md.
bench:
	bench/run.sh
.PHONY: bench
