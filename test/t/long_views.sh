#!/usr/bin/env bash
# The long views' unpivot is generated for any relation with the report's
# columns (src/gen_sql long_view SECTION RELATION VIEW): over a copy of the
# reports it gives exactly the rows of request_cells and its kin.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_long_views
tmp=$(mktemp -d)
make -s src/gen_sql >/dev/null

q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$FIXTURE"
# a second report, 2019 template, in the copy only: 三(六) as one row, no
# 2021 section 二
q -c "CREATE TABLE public.archive AS SELECT * FROM govdisclose.report" \
  -c "INSERT INTO public.archive SELECT * FROM public.archive" \
  -c "UPDATE public.archive SET year = 2019, template = '2019',
          other_other__natural_person = 142, other_other__commercial_enterprise = 8, other_other__total = 152,
          other_no_correction__natural_person = NULL, other_no_correction__commercial_enterprise = NULL,
          other_no_correction__research_institution = NULL, other_no_correction__social_welfare_org = NULL,
          other_no_correction__legal_service_org = NULL, other_no_correction__other_org = NULL,
          other_no_correction__total = NULL,
          other_no_fee__natural_person = NULL, other_no_fee__commercial_enterprise = NULL,
          other_no_fee__research_institution = NULL, other_no_fee__social_welfare_org = NULL,
          other_no_fee__legal_service_org = NULL, other_no_fee__other_org = NULL, other_no_fee__total = NULL,
          rules__issued = NULL, rules__repealed = NULL, rules__in_force = NULL, normative_documents__issued = NULL,
          normative_documents__repealed = NULL, normative_documents__in_force = NULL,
          licensing = NULL, punishment = NULL, coercion = NULL
      WHERE ctid = (SELECT max(ctid) FROM public.archive)"

for s in requests:request_cells proactive:proactive_cells appeals:appeal_cells proactive_2019:proactive_2019_cells; do
	section=${s%%:*} view=${s#*:}
	src/gen_sql long_view "$section" "public.archive" "public.archive_$view" > "$tmp/$view.sql"
	check "gen_sql long_view $section writes a view over another relation" \
		q -c "SET search_path = pg_catalog" -f "$tmp/$view.sql"
	check "$view over the copy of the 2024 report gives the same rows as govdisclose.$view" \
		test "$(q -c "SELECT count(*) FROM ((TABLE govdisclose.$view EXCEPT ALL SELECT * FROM public.archive_$view WHERE year = 2024)
		                                    UNION ALL (SELECT * FROM public.archive_$view WHERE year = 2024 EXCEPT ALL TABLE govdisclose.$view)) d")" = 0
done
check "the 2019 report in the copy: 161 request cells, 0 proactive, 23 proactive_2019, 15 appeal" \
	test "$(q -c "SELECT (SELECT count(*) FROM public.archive_request_cells WHERE year = 2019) || ' ' ||
	                     (SELECT count(*) FROM public.archive_proactive_cells WHERE year = 2019) || ' ' ||
	                     (SELECT count(*) FROM public.archive_proactive_2019_cells WHERE year = 2019) || ' ' ||
	                     (SELECT count(*) FROM public.archive_appeal_cells WHERE year = 2019)")" = "161 0 23 15"
check "an unknown section is a usage error" \
	test "$(src/gen_sql long_view nosuch public.archive v 2>&1 >/dev/null; echo $?)" = "gen_sql: unknown section \"nosuch\"
2"

rm -rf "$tmp"
drop_db gd_t_long_views
