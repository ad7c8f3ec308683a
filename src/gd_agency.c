/*
 * gd_agency.c — which registered agency a printed name denotes
 * (gd_agency.h; docs/domain.md §12).  Plain C, no postgres.h.
 */
#include "gd_agency.h"
#include "gd_text.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* ---- memory: blocks from the owner's allocator, never freed here ---- */

#define ARENA_BLOCK 65536

typedef struct arena
{
	gd_agency_alloc_fn alloc;
	gd_agency_release_fn release;
	void	   *ctx;
	char	   *block;
	size_t		used;
	size_t		size;
} arena;

static void *
arena_get(arena *a, size_t n)
{
	void	   *p;

	n = (n + 15) & ~(size_t) 15;
	if (n > ARENA_BLOCK / 4)
		return a->alloc(a->ctx, n);
	if (a->block == NULL || a->used + n > a->size)
	{
		a->block = a->alloc(a->ctx, ARENA_BLOCK);
		a->size = ARENA_BLOCK;
		a->used = 0;
	}
	p = a->block + a->used;
	a->used += n;
	return p;
}

/* A block of n bytes from arena_get, no longer used: released when it was a large one. */
static void
arena_release(arena *a, void *p, size_t n)
{
	n = (n + 15) & ~(size_t) 15;
	if (p != NULL && n > ARENA_BLOCK / 4 && a->release != NULL)
		a->release(a->ctx, p);
}

static char *
arena_strndup(arena *a, const char *s, size_t n)
{
	char	   *p = arena_get(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Room for one more element in an array of n (capacity *cap), copied when it grows. */
static void *
arena_grow(arena *a, void *arr, int n, int *cap, size_t elsize, int first)
{
	void	   *na;

	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : first;
	na = arena_get(a, elsize * (size_t) *cap);
	if (n)
		memcpy(na, arr, elsize * (size_t) n);
	arena_release(a, arr, elsize * (size_t) n);
	return na;
}

/* ---- a map from strings to lists of int32, open addressing ---- */

typedef struct str_entry
{
	const char *key;			/* NULL: empty slot */
	uint32_t	hash;
	int			n;
	int			cap;
	int32_t    *v;
} str_entry;

typedef struct str_map
{
	str_entry  *slots;
	size_t		nslots;			/* a power of two */
	size_t		used;
} str_map;

static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t	h = 2166136261u;	/* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char) s[i]) * 16777619u;
	return h;
}

static str_entry *
str_find(const str_map *m, const char *key, size_t len, uint32_t h)
{
	size_t		i;

	if (m->nslots == 0)
		return NULL;
	for (i = h & (m->nslots - 1);; i = (i + 1) & (m->nslots - 1))
	{
		str_entry  *e = &m->slots[i];

		if (e->key == NULL)
			return NULL;
		if (e->hash == h && strncmp(e->key, key, len) == 0 && e->key[len] == '\0')
			return e;
	}
}

static void
str_resize(arena *a, str_map *m, size_t n)
{
	str_entry  *slots = arena_get(a, n * sizeof(str_entry));

	memset(slots, 0, n * sizeof(str_entry));
	for (size_t i = 0; i < m->nslots; i++)
	{
		str_entry  *e = &m->slots[i];
		size_t		j;

		if (e->key == NULL)
			continue;
		for (j = e->hash & (n - 1); slots[j].key != NULL; j = (j + 1) & (n - 1))
			;
		slots[j] = *e;
	}
	arena_release(a, m->slots, m->nslots * sizeof(str_entry));
	m->slots = slots;
	m->nslots = n;
}

static void
str_grow(arena *a, str_map *m)
{
	str_resize(a, m, m->nslots ? m->nslots * 2 : 1024);
}

/* Room for n entries without growing. */
static void
str_reserve(arena *a, str_map *m, size_t n)
{
	size_t		slots = 1024;

	while (slots < 2 * n)
		slots *= 2;
	if (slots > m->nslots)
		str_resize(a, m, slots);
}

/* ---- a map from ids (> 0) to indexes, open addressing ---- */

typedef struct int_map
{
	int32_t    *keys;			/* 0: empty */
	int32_t    *vals;
	size_t		nslots;			/* a power of two */
	size_t		used;
} int_map;

static inline size_t
int_slot(int32_t key, size_t nslots)
{
	return ((uint32_t) key * 2654435761u) & (nslots - 1);
}

static int32_t
int_get(const int_map *m, int32_t key)
{
	if (m->nslots == 0)
		return -1;
	for (size_t i = int_slot(key, m->nslots);; i = (i + 1) & (m->nslots - 1))
	{
		if (m->keys[i] == key)
			return m->vals[i];
		if (m->keys[i] == 0)
			return -1;
	}
}

static void
int_put(int_map *m, int32_t key, int32_t val)
{
	size_t		i;

	for (i = int_slot(key, m->nslots); m->keys[i] != 0 && m->keys[i] != key; i = (i + 1) & (m->nslots - 1))
		;
	if (m->keys[i] == 0)
		m->used++;
	m->keys[i] = key;
	m->vals[i] = val;
}

static void
int_resize(arena *a, int_map *m, size_t n)
{
	int_map		grown = {arena_get(a, n * sizeof(int32_t)), arena_get(a, n * sizeof(int32_t)), n, 0};

	memset(grown.keys, 0, n * sizeof(int32_t));
	for (size_t i = 0; i < m->nslots; i++)
		if (m->keys[i] != 0)
			int_put(&grown, m->keys[i], m->vals[i]);
	arena_release(a, m->keys, m->nslots * sizeof(int32_t));
	arena_release(a, m->vals, m->nslots * sizeof(int32_t));
	*m = grown;
}

static void
int_add(arena *a, int_map *m, int32_t key, int32_t val)
{
	if ((m->used + 1) * 2 > m->nslots)
		int_resize(a, m, m->nslots ? m->nslots * 2 : 1024);
	int_put(m, key, val);
}

/* Add v to key's list, once. */
static void
str_add(arena *a, str_map *m, const char *key, size_t len, int32_t v)
{
	uint32_t	h = hash_bytes(key, len);
	str_entry  *e = str_find(m, key, len, h);

	if (e == NULL)
	{
		size_t		i;

		if ((m->used + 1) * 2 > m->nslots)
			str_grow(a, m);
		for (i = h & (m->nslots - 1); m->slots[i].key != NULL; i = (i + 1) & (m->nslots - 1))
			;
		e = &m->slots[i];
		e->key = arena_strndup(a, key, len);
		e->hash = h;
		m->used++;
	}
	for (int k = 0; k < e->n; k++)
		if (e->v[k] == v)
			return;
	e->v = arena_grow(a, e->v, e->n, &e->cap, sizeof(int32_t), 2);
	e->v[e->n++] = v;
}

static const str_entry *
str_get(const str_map *m, const char *key, size_t len)
{
	return str_find(m, key, len, hash_bytes(key, len));
}

/* ---- the index ---- */

typedef struct agency
{
	int32_t		id;
	int32_t		region;
	int32_t		merged_into;	/* 0: not merged */
	const char *name;
} agency;

/* a name of an agency, folded, as code points: for the nearest names */
typedef struct known_name
{
	int32_t		id;
	int			len;
	const uint32_t *cp;
} known_name;

struct gd_agency_index
{
	arena		a;
	str_map		divisions;		/* folded division name -> codes */
	str_map		division_starts;	/* a division name's first character -> the names' lengths */
	str_map		division_names; /* "code" -> qualified name (as a one-entry list: index into qnames) */
	const char **qnames;
	int			nqnames;
	int			capqnames;
	str_map		keys;			/* key -> agency ids */
	int_map		ids;			/* id -> index into agencies */
	agency	   *agencies;
	int			nagencies;
	int			capagencies;
	known_name *names;
	int			nnames;
	int			capnames;
};

gd_agency_index *
gd_agency_index_new(gd_agency_alloc_fn alloc, gd_agency_release_fn release, void *ctx)
{
	gd_agency_index *ix = alloc(ctx, sizeof(gd_agency_index));

	memset(ix, 0, sizeof(*ix));
	ix->a.alloc = alloc;
	ix->a.release = release;
	ix->a.ctx = ctx;
	return ix;
}

void
gd_agency_index_reserve(gd_agency_index *ix, int agencies, int names)
{
	size_t		n = 1024;

	if (agencies <= 0 || names <= 0)
		return;
	str_reserve(&ix->a, &ix->keys, (size_t) names);
	while (n < 2 * (size_t) agencies)
		n *= 2;
	if (n > ix->ids.nslots)
		int_resize(&ix->a, &ix->ids, n);
	if (agencies > ix->capagencies)
	{
		agency	   *na = arena_get(&ix->a, sizeof(agency) * (size_t) agencies);

		if (ix->nagencies)
			memcpy(na, ix->agencies, sizeof(agency) * (size_t) ix->nagencies);
		arena_release(&ix->a, ix->agencies, sizeof(agency) * (size_t) ix->capagencies);
		ix->agencies = na;
		ix->capagencies = agencies;
	}
}

/* ---- folding a name ---- */

/*
 * The folded name: gd_fold of every character, spaces and tabs dropped;
 * invalid UTF-8 bytes are kept as they are.  At most cap - 1 bytes and a
 * NUL into out; returns the length the whole name needs.
 */
static size_t
fold_name(const char *s, size_t len, char *out, size_t cap)
{
	size_t		i = 0,
				o = 0,
				w = 0;			/* bytes written: o until one does not fit */

	while (i < len)
	{
		uint32_t	cp,
					f[GD_FOLD_MAX];
		size_t		n = gd_utf8_decode((const unsigned char *) s + i, len - i, &cp);
		int			k;

		if (n == 0)
		{
			if (w == o && o + 1 < cap)
				out[w++] = s[i];
			o++;
			i++;
			continue;
		}
		i += n;
		k = gd_fold(cp, f);
		for (int j = 0; j < k; j++)
		{
			char		buf[4];
			size_t		m;

			if (f[j] == ' ' || f[j] == '\t')
				continue;
			m = gd_utf8_encode(f[j], buf);
			if (w == o && o + m < cap)
			{
				memcpy(out + w, buf, m);
				w += m;
			}
			o += m;
		}
	}
	if (cap > 0)
		out[w] = '\0';
	return o;
}

/*
 * A name folded into a buffer of GD_AGENCY_KEY_MAX: a name too long for it
 * (no agency's is) keeps its first bytes and a hash of the whole, so that
 * two long names differing at the end never share a key.
 */
static size_t
fold_bounded(const char *s, size_t len, char out[GD_AGENCY_KEY_MAX])
{
	size_t		need = fold_name(s, len, out, GD_AGENCY_KEY_MAX - 32);

	if (need >= GD_AGENCY_KEY_MAX - 32)
	{
		/* hash the whole folded name: fold it again, in pieces */
		uint32_t	h = 2166136261u;
		char		piece[64];
		size_t		used = strlen(out);

		for (size_t i = 0; i < len; i += 32)
		{
			size_t		n = len - i < 32 ? len - i : 32;
			size_t		m = fold_name(s + i, n, piece, sizeof(piece));

			for (size_t k = 0; k < m && k < sizeof(piece) - 1; k++)
				h = (h ^ (unsigned char) piece[k]) * 16777619u;
		}
		snprintf(out + used, GD_AGENCY_KEY_MAX - used, "#%08" PRIx32 "%08zx", h, need);
		return strlen(out);
	}
	return need;
}

/* ---- divisions ---- */

static const char *const placeholders[] = {
	"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"
};

/* Is code c a division of (below) division p?  By GB/T 2260's digits. */
static bool
descendant(int32_t c, int32_t p)
{
	if (c == p || p <= 0 || c <= 0)
		return false;
	if (p % 10000 == 0)
		return c / 10000 == p / 10000;
	if (p % 100 == 0)
		return c / 100 == p / 100;
	return false;
}

/* Do two region codes agree: equal, one a division of the other, or either unknown? */
static bool
regions_agree(int32_t a, int32_t b)
{
	return a == 0 || b == 0 || a == b || descendant(a, b) || descendant(b, a);
}

void
gd_agency_add_division(gd_agency_index *ix, int32_t code, const char *name, size_t len)
{
	char		f[GD_AGENCY_KEY_MAX];
	size_t		n;
	char		ckey[16];

	for (size_t i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
		if (strlen(placeholders[i]) == len && memcmp(placeholders[i], name, len) == 0)
			return;
	n = fold_bounded(name, len, f);
	if (n == 0)
		return;
	str_add(&ix->a, &ix->divisions, f, n, code);
	{
		uint32_t	cp;
		size_t		c = gd_utf8_decode((const unsigned char *) f, n, &cp);

		str_add(&ix->a, &ix->division_starts, f, c ? c : 1, (int32_t) n);
	}
	/* the name as printed, for messages; qualified in gd_agency_division_name */
	ix->qnames = arena_grow(&ix->a, ix->qnames, ix->nqnames, &ix->capqnames, sizeof(char *), 4096);
	ix->qnames[ix->nqnames] = arena_strndup(&ix->a, name, len);
	snprintf(ckey, sizeof(ckey), "%" PRId32, code);
	str_add(&ix->a, &ix->division_names, ckey, strlen(ckey), ix->nqnames);
	ix->nqnames++;
}

static const char *
division_own_name(const gd_agency_index *ix, int32_t code)
{
	char		ckey[16];
	const str_entry *e;

	snprintf(ckey, sizeof(ckey), "%" PRId32, code);
	e = str_get(&ix->division_names, ckey, strlen(ckey));
	return e ? ix->qnames[e->v[0]] : NULL;
}

const char *
gd_agency_division_name(const gd_agency_index *ix, int32_t code)
{
	static char buf[256];
	const char *own = division_own_name(ix, code);
	const char *prov = code % 10000 ? division_own_name(ix, code / 10000 * 10000) : NULL;
	const char *pref = code % 100 ? division_own_name(ix, code / 100 * 100) : NULL;

	if (own == NULL)
		return NULL;
	/* a county under a placeholder (市辖区, 县, …) is qualified by its province */
	snprintf(buf, sizeof(buf), "%s%s%s", pref ? "" : (prov ? prov : ""), pref ? pref : "", own);
	return buf;
}

/*
 * The divisions a folded name begins with (docs/domain.md §12): each next
 * one a descendant of the one before; the codes of the last one read, at
 * most max, into codes, and where the rest of the name begins.
 */
static int
read_divisions(const gd_agency_index *ix, const char *f, size_t len, int32_t *codes, int max,
			   size_t *rest)
{
	int			n = 0;
	size_t		pos = 0;

	for (;;)
	{
		const str_entry *best = NULL;
		const str_entry *starts;
		size_t		best_len = 0;
		int32_t		next[GD_AGENCY_MAX_CANDIDATES * 4];
		int			nnext = 0;
		uint32_t	cp;
		size_t		c = pos < len ? gd_utf8_decode((const unsigned char *) f + pos, len - pos, &cp) : 0;

		/*
		 * The longest division name at pos (no GB/T 2260 name is the prefix
		 * of another): only the lengths of the names that begin with the
		 * character at pos are looked up.
		 */
		if (pos >= len || (starts = str_get(&ix->division_starts, f + pos, c ? c : 1)) == NULL)
			break;
		for (int i = 0; i < starts->n; i++)
		{
			size_t		l = (size_t) starts->v[i];
			const str_entry *e;

			if (l <= best_len || pos + l > len)
				continue;
			if ((e = str_get(&ix->divisions, f + pos, l)) != NULL)
				best = e, best_len = l;
		}
		if (best == NULL)
			break;
		for (int i = 0; i < best->n && nnext < (int) (sizeof(next) / sizeof(next[0])); i++)
		{
			bool		below = n == 0;

			for (int j = 0; j < n && !below; j++)
				below = descendant(best->v[i], codes[j]);
			if (below)
				next[nnext++] = best->v[i];
		}
		if (nnext == 0)
			break;				/* not a division of the one before: the rest of the name */
		n = nnext < max ? nnext : max;
		memcpy(codes, next, sizeof(int32_t) * (size_t) n);
		pos += best_len;
	}
	*rest = pos;
	return n;
}

/* What follows a division: "", 政府 or 人民政府 is its government. */
static const char *
rest_key(const char *rest)
{
	if (rest[0] == '\0' || strcmp(rest, "政府") == 0)
		return "人民政府";
	return rest;
}

/* A name's reading: its divisions (after the region) and the key parts. */
typedef struct reading
{
	char		folded[GD_AGENCY_KEY_MAX];
	size_t		len;
	int32_t		codes[GD_AGENCY_MAX_CANDIDATES * 4];
	int			ncodes;
	const char *rest;			/* within folded, or "人民政府" */
} reading;

static void
read_name(const gd_agency_index *ix, const char *name, size_t len, int32_t region, reading *r)
{
	size_t		rest;

	r->len = fold_bounded(name, len, r->folded);
	r->ncodes = read_divisions(ix, r->folded, r->len, r->codes,
							   (int) (sizeof(r->codes) / sizeof(r->codes[0])), &rest);
	r->rest = rest_key(r->folded + rest);
	if (region != 0 && r->ncodes > 1)
	{
		int			k = 0;

		for (int i = 0; i < r->ncodes; i++)
			if (regions_agree(r->codes[i], region))
				r->codes[k++] = r->codes[i];
		if (k > 0)
			r->ncodes = k;		/* the region code says which; else it does not help */
	}
}

/* "code|rest" ("%06d|%s"), or "|rest" without a division; rest bounded as a folded name is */
static void
key_of(int32_t code, const char *rest, char out[GD_AGENCY_KEY_MAX])
{
	size_t		o = 0,
				n = strlen(rest);

	if (code > 0 && code <= 999999)
	{
		for (int i = 5; i >= 0; i--, code /= 10)
			out[i] = (char) ('0' + code % 10);
		o = 6;
	}
	out[o++] = '|';
	if (n > GD_AGENCY_KEY_MAX - 1 - o)
		n = GD_AGENCY_KEY_MAX - 1 - o;
	memcpy(out + o, rest, n);
	out[o + n] = '\0';
}

/* ---- agencies ---- */

static agency *
find_agency(const gd_agency_index *ix, int32_t id)
{
	int32_t		i = id > 0 ? int_get(&ix->ids, id) : -1;

	return i >= 0 ? &ix->agencies[i] : NULL;
}

static void
remember_name(gd_agency_index *ix, int32_t id, const char *folded, size_t len)
{
	uint32_t   *cp = arena_get(&ix->a, sizeof(uint32_t) * (len + 1));
	int			n = 0;
	size_t		i = 0;

	while (i < len)
	{
		size_t		k = gd_utf8_decode((const unsigned char *) folded + i, len - i, &cp[n]);

		if (k == 0)
		{
			cp[n] = (unsigned char) folded[i];
			k = 1;
		}
		i += k;
		n++;
	}
	ix->names = arena_grow(&ix->a, ix->names, ix->nnames, &ix->capnames, sizeof(known_name), 8192);
	ix->names[ix->nnames].id = id;
	ix->names[ix->nnames].len = n;
	ix->names[ix->nnames].cp = cp;
	ix->nnames++;
}

/*
 * File a name of agency a under its key: its division read with the
 * agency's own region; a division still several (a name such as
 * 「鼓楼区教育局」 of an agency without a region) keys as the whole name.
 */
static void
add_name(gd_agency_index *ix, const agency *a, const char *name, size_t len)
{
	reading		r;
	char		key[GD_AGENCY_KEY_MAX];

	read_name(ix, name, len, a->region, &r);
	if (r.len == 0)
		return;
	key_of(r.ncodes == 1 ? r.codes[0] : 0, r.ncodes == 1 ? r.rest : r.folded, key);
	str_add(&ix->a, &ix->keys, key, strlen(key), a->id);
	remember_name(ix, a->id, r.folded, r.len);
}

void
gd_agency_add(gd_agency_index *ix, int32_t id, const char *name, size_t len, int32_t region)
{
	agency	   *a = find_agency(ix, id);

	if (id <= 0)
		return;
	if (a == NULL)
	{
		ix->agencies = arena_grow(&ix->a, ix->agencies, ix->nagencies, &ix->capagencies, sizeof(agency), 4096);
		a = &ix->agencies[ix->nagencies];
		memset(a, 0, sizeof(*a));
		a->id = id;
		a->region = region;
		a->name = arena_strndup(&ix->a, name, len);
		int_add(&ix->a, &ix->ids, id, ix->nagencies);
		ix->nagencies++;
	}
	add_name(ix, a, name, len);
}

void
gd_agency_add_alias(gd_agency_index *ix, int32_t id, const char *name, size_t len)
{
	agency	   *a = find_agency(ix, id);

	if (a != NULL)
		add_name(ix, a, name, len);
}

void
gd_agency_add_merge(gd_agency_index *ix, int32_t from, int32_t into)
{
	agency	   *a = find_agency(ix, from);

	if (a != NULL && from != into)
		a->merged_into = into;
}

bool
gd_agency_exists(const gd_agency_index *ix, int32_t id)
{
	return find_agency(ix, id) != NULL;
}

int32_t
gd_agency_final(const gd_agency_index *ix, int32_t id)
{
	/* a chain of merges is short; a cycle (the tables refuse one) stops */
	for (int hops = 0; hops < 64; hops++)
	{
		const agency *a = find_agency(ix, id);

		if (a == NULL || a->merged_into == 0)
			return id;
		id = a->merged_into;
	}
	return id;
}

const char *
gd_agency_name(const gd_agency_index *ix, int32_t id)
{
	const agency *a = find_agency(ix, id);

	return a ? a->name : NULL;
}

int32_t
gd_agency_region(const gd_agency_index *ix, int32_t id)
{
	const agency *a = find_agency(ix, id);

	return a ? a->region : 0;
}

int
gd_agency_count(const gd_agency_index *ix)
{
	return ix->nagencies;
}

/* ---- resolving ---- */

/* The agencies (after merges) filed under a key, added once each to ids. */
static void
collect(const gd_agency_index *ix, const char *key, int32_t *ids, int *n, int max)
{
	const str_entry *e = str_get(&ix->keys, key, strlen(key));

	if (e == NULL)
		return;
	for (int i = 0; i < e->n; i++)
	{
		int32_t		id = gd_agency_final(ix, e->v[i]);
		bool		seen = false;

		for (int k = 0; k < *n && !seen; k++)
			seen = ids[k] == id;
		if (!seen && *n < max)
			ids[(*n)++] = id;
	}
}

#define MAX_FOUND 256

/* Every agency the reading's keys name, whatever the region. */
static int
candidates(const gd_agency_index *ix, const reading *r, int32_t *ids)
{
	char		key[GD_AGENCY_KEY_MAX];
	int			n = 0;

	for (int i = 0; i < r->ncodes; i++)
	{
		key_of(r->codes[i], r->rest, key);
		collect(ix, key, ids, &n, MAX_FOUND);
	}
	key_of(0, r->folded, key);
	collect(ix, key, ids, &n, MAX_FOUND);
	return n;
}

void
gd_agency_resolve(const gd_agency_index *ix, const char *name, size_t len, int32_t region,
				  gd_agency_match *out)
{
	reading		r;
	int32_t		ids[MAX_FOUND];
	int			n,
				k = 0;

	memset(out, 0, sizeof(*out));
	read_name(ix, name, len, region, &r);
	n = candidates(ix, &r, ids);
	for (int i = 0; i < n; i++)
		if (regions_agree(gd_agency_region(ix, ids[i]), region))
			ids[k++] = ids[i];
	n = k;
	if (r.ncodes > 1 || n > 1)
	{
		/* several divisions, or several agencies: never settled by guessing */
		const int32_t *list = r.ncodes > 1 ? r.codes : ids;

		out->status = GD_AGENCY_AMBIGUOUS;
		out->by_division = r.ncodes > 1;
		out->total = r.ncodes > 1 ? r.ncodes : n;
		out->ncandidates = out->total < GD_AGENCY_MAX_CANDIDATES ? out->total : GD_AGENCY_MAX_CANDIDATES;
		memcpy(out->candidates, list, sizeof(int32_t) * (size_t) out->ncandidates);
		return;
	}
	if (n == 1)
	{
		out->status = GD_AGENCY_RESOLVED;
		out->id = ids[0];
		return;
	}
	out->status = GD_AGENCY_UNKNOWN;
	key_of(r.ncodes == 1 ? r.codes[0] : 0, r.ncodes == 1 ? r.rest : r.folded, out->key);
	out->region = region != 0 ? region : (r.ncodes == 1 ? r.codes[0] : 0);
}

bool
gd_agency_denotes(const gd_agency_index *ix, const char *name, size_t len, int32_t id)
{
	reading		r;
	int32_t		ids[MAX_FOUND];
	int			n;

	read_name(ix, name, len, 0, &r);
	n = candidates(ix, &r, ids);
	id = gd_agency_final(ix, id);
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

int
gd_agency_lookup_keys(const gd_agency_index *ix, const char *name, size_t len, int32_t region,
					  char (*keys)[GD_AGENCY_KEY_MAX], int max)
{
	reading		r;
	int			n = 0;

	read_name(ix, name, len, region, &r);
	for (int i = 0; i < r.ncodes && n < max; i++)
		key_of(r.codes[i], r.rest, keys[n++]);
	if (n < max)
		key_of(0, r.folded, keys[n++]);
	return n;
}

/* ---- the nearest names ---- */

/*
 * How far a known name is from the name looked up: first how many of the
 * looked-up name's characters it lacks in order (its length less the
 * longest common subsequence: 0 for an abbreviation such as 上海市科委 of
 * 上海市科学技术委员会), then the edit distance (Levenshtein); -1 when
 * they have fewer than two characters in common in order (one for a
 * one-character name): that is not near.
 */
static int
distance(const uint32_t *a, int na, const uint32_t *b, int nb)
{
	int			lev[GD_AGENCY_KEY_MAX];
	int			lcs[GD_AGENCY_KEY_MAX];

	if (nb >= GD_AGENCY_KEY_MAX)
		nb = GD_AGENCY_KEY_MAX - 1;
	for (int j = 0; j <= nb; j++)
		lev[j] = j, lcs[j] = 0;
	for (int i = 1; i <= na; i++)
	{
		int			dlev = lev[0],
					dlcs = lcs[0];

		lev[0] = i;
		for (int j = 1; j <= nb; j++)
		{
			int			ulev = lev[j],
						ulcs = lcs[j];
			int			v = dlev + (a[i - 1] != b[j - 1]);

			if (ulev + 1 < v)
				v = ulev + 1;
			if (lev[j - 1] + 1 < v)
				v = lev[j - 1] + 1;
			lev[j] = v;
			lcs[j] = a[i - 1] == b[j - 1] ? dlcs + 1 : (ulcs > lcs[j - 1] ? ulcs : lcs[j - 1]);
			dlev = ulev;
			dlcs = ulcs;
		}
	}
	if (lcs[nb] < (na < 2 ? na : 2))
		return -1;				/* fewer than two characters in common: not near */
	return (na - lcs[nb]) * GD_AGENCY_KEY_MAX + lev[nb];
}

int
gd_agency_nearest(const gd_agency_index *ix, const char *name, size_t len, int32_t region,
				  int32_t *ids, int max)
{
	char		f[GD_AGENCY_KEY_MAX];
	uint32_t	cp[GD_AGENCY_KEY_MAX];
	int			dist[GD_AGENCY_MAX_CANDIDATES];
	int			n = 0,
				ncp = 0;
	size_t		flen = fold_bounded(name, len, f);

	if (max > GD_AGENCY_MAX_CANDIDATES)
		max = GD_AGENCY_MAX_CANDIDATES;
	for (size_t i = 0; i < flen && ncp < GD_AGENCY_KEY_MAX - 1;)
	{
		size_t		k = gd_utf8_decode((const unsigned char *) f + i, flen - i, &cp[ncp]);

		if (k == 0)
			cp[ncp] = (unsigned char) f[i], k = 1;
		i += k;
		ncp++;
	}
	for (int i = 0; i < ix->nnames && max > 0; i++)
	{
		const known_name *kn = &ix->names[i];
		int32_t		id = gd_agency_final(ix, kn->id);
		int			d = distance(cp, ncp, kn->cp, kn->len);
		int			at;

		if (d >= 0 && region != 0 && !regions_agree(gd_agency_region(ix, id), region))
			d += GD_AGENCY_KEY_MAX * GD_AGENCY_KEY_MAX;	/* after those of the report's region */
		if (d < 0 || (n == max && d >= dist[n - 1]))
			continue;
		/* the agency's best name only */
		for (at = 0; at < n && ids[at] != id; at++)
			;
		if (at < n)
		{
			if (dist[at] <= d)
				continue;
			memmove(&ids[at], &ids[at + 1], sizeof(int32_t) * (size_t) (n - at - 1));
			memmove(&dist[at], &dist[at + 1], sizeof(int) * (size_t) (n - at - 1));
			n--;
		}
		else if (n == max)
			n--;				/* the farthest goes */
		for (at = n; at > 0 && (dist[at - 1] > d || (dist[at - 1] == d && ids[at - 1] > id)); at--)
		{
			ids[at] = ids[at - 1];
			dist[at] = dist[at - 1];
		}
		ids[at] = id;
		dist[at] = d;
		n++;
	}
	return n;
}

/* ---- messages ---- */

static void
sb_agencies(gd_sbuf *b, const gd_agency_index *ix, const int32_t *ids, int n)
{
	for (int i = 0; i < n; i++)
		gd_sb_printf(b, "%s%s (%" PRId32 ")", i ? ", " : "", gd_agency_name(ix, ids[i]), ids[i]);
}

size_t
gd_agency_note(const gd_agency_index *ix, const char *name, size_t len, int32_t region,
			   const gd_agency_match *m, bool search_nearest, char *buf, size_t cap)
{
	gd_sbuf		b;

	gd_sb_init(&b, buf, cap);
	if (m->status == GD_AGENCY_UNKNOWN)
	{
		gd_sb_printf(&b, "「%.*s」 matches no registered agency: it is registered as a new one (未登记的机关)",
				  (int) len, name);
		if (search_nearest)
		{
			int32_t		ids[3];
			int			n = gd_agency_nearest(ix, name, len, region, ids, 3);

			if (n > 0)
			{
				gd_sb_printf(&b, "; the nearest registered: ");
				sb_agencies(&b, ix, ids, n);
			}
		}
	}
	else if (m->status == GD_AGENCY_AMBIGUOUS && m->by_division)
	{
		gd_sb_printf(&b, "「%.*s」 could be in %d divisions of that name: ", (int) len, name, m->total);
		for (int i = 0; i < m->ncandidates; i++)
		{
			const char *d = gd_agency_division_name(ix, m->candidates[i]);

			gd_sb_printf(&b, "%s%s (%06" PRId32 ")", i ? ", " : "", d ? d : "?", m->candidates[i]);
		}
		gd_sb_printf(&b, "%s; it is never settled by guessing: give the report's region_code or agency_id",
				  m->total > m->ncandidates ? ", …" : "");
	}
	else if (m->status == GD_AGENCY_AMBIGUOUS)
	{
		gd_sb_printf(&b, "「%.*s」 fits %d registered agencies: ", (int) len, name, m->total);
		sb_agencies(&b, ix, m->candidates, m->ncandidates);
		gd_sb_printf(&b, "%s; it is never settled by guessing: give the report's region_code or agency_id",
				  m->total > m->ncandidates ? ", …" : "");
	}
	return b.used;
}
