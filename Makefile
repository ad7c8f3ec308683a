# govdisclose — PGXS build.  `make demo` and `make test` set up everything
# they need (see README.md); `make`, `make install` and `make installcheck`
# are the usual PGXS targets once the server headers are installed.

EXTENSION = govdisclose
EXTVERSION = 0.2.0

MODULE_big = govdisclose
CORE_SRCS = src/gd_model.c src/gd_rules.c src/gd_share.c
CORE_HDRS = src/gd_model.h src/gd_rules.h src/gd_share.h
OBJS = $(CORE_SRCS:.c=.o) src/pg_convert.o src/pg_neighbors.o src/pg_functions.o src/pg_enforce.o
PG_CPPFLAGS = -I$(srcdir)/src

# Released scripts are frozen (sql/govdisclose--0.1.0.sql); the current
# version's script and the upgrade into it are generated from the model.
DATA = sql/$(EXTENSION)--0.1.0.sql
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql sql/$(EXTENSION)--0.1.0--0.2.0.sql
DOCS = docs/reference.md

REGRESS = tour types validate shares enforce copy edges template2019 catalog
REGRESS_OPTS = --load-extension=$(EXTENSION)

EXTRA_CLEAN = src/gen_sql test/unit/test_core docs/reference.md.gen

# The build machine's compiler for build-time tools and unit tests.
HOST_CC ?= cc
HOST_CFLAGS ?= -std=c99 -O2 -g -Wall -Wextra -Werror
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
	$(HOST_CC) $(HOST_CFLAGS) -I src -o $@ src/gen_sql.c $(CORE_SRCS)

sql/$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION).sql.in src/gen_sql
	src/gen_sql sql < sql/$(EXTENSION).sql.in > $@.tmp && mv $@.tmp $@

sql/$(EXTENSION)--0.1.0--0.2.0.sql: sql/$(EXTENSION)--0.1.0--0.2.0.sql.in src/gen_sql
	src/gen_sql sql < $< > $@.tmp && mv $@.tmp $@

# docs/reference.md is generated, and committed so it can be read online.
docs: src/gen_sql
	src/gen_sql docs > docs/reference.md
.PHONY: docs

test/unit/test_core: test/unit/test_core.c $(CORE_SRCS) $(CORE_HDRS)
	$(HOST_CC) $(HOST_CFLAGS) $(UNIT_SANITIZE) -I src -o $@ test/unit/test_core.c $(CORE_SRCS)

unit: test/unit/test_core
	test/unit/test_core
.PHONY: unit

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
