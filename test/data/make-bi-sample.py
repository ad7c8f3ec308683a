#!/usr/bin/env python3
# test/data/bi-sample.csv: the Jinshan fixture and the hand transcriptions of
# test/data/corpus/*.json (values as printed, agency as printed) in the
# report table's CSV layout, with their administrative division codes; the
# transcriptions' agency_id blank (resolved from the name when loaded).
#   python3 test/data/make-bi-sample.py > test/data/bi-sample.csv
import json, csv, sys
hdr = open('test/data/jinshan-2024.csv').readline().strip().split(',')
fix = next(csv.reader(open('test/data/jinshan-2024.csv').readlines()[1:2]))
regions = {'hongze-2023': '320813', 'pingtan-2021': '350128', 'pingtan-2022': '350128', 'shuyang-county-2025': '321322'}
w = csv.writer(sys.stdout, lineterminator='\n')
w.writerow(hdr)
w.writerow(fix)
for name, reg in regions.items():
    d = json.load(open(f'test/data/corpus/{name}.json'))
    row = {h: '' for h in hdr}
    row['agency'] = d['agency']; row['year'] = d['year']; row['template'] = d.get('template', '2021')
    row['region_code'] = reg; row['source'] = f'test/data/corpus/{name}.json'
    cols = ['natural_person','commercial_enterprise','research_institution','social_welfare_org','legal_service_org','other_org','total']
    for r, vals in d['requests'].items():
        for c, v in zip(cols, vals):
            row[f'{r}__{c}'] = '' if v is None else v
    p = d['proactive']
    for it in ('rules', 'normative_documents'):
        if p.get(it):
            for c, v in zip(['issued','repealed','in_force'], p[it]):
                row[f'{it}__{c}'] = '' if v is None else v
    for it in ('licensing','punishment','coercion','fees'):
        v = p.get(it); row[it] = '' if v is None else v
    for b, vals in d['appeals'].items():
        if vals:
            for c, v in zip(['upheld','corrected','other','pending','total'], vals):
                row[f'{b}__{c}'] = '' if v is None else v
    assert all(k in hdr for k in row), [k for k in row if k not in hdr]
    w.writerow([row[h] for h in hdr])
