import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE","config.settings.dev")
import django; django.setup()
from django.db import connection
from django.db.models import *
from competencies.selectors.gaps import assessed_ratings, _cell_figures
from people.models import User
qs = assessed_ratings(people=User.objects.filter(is_active=True))
q = qs.values(group_id=F("assessment__person__professional_group"), code=F("competence__code")).annotate(people=Count("pk"), mean=Avg("current")).order_by()
sql, params = q.query.sql_with_params()
with connection.cursor() as c:
    c.execute("SET work_mem = '64MB'"); c.execute("EXPLAIN (ANALYZE, BUFFERS off) " + sql, params)
    for row in c.fetchall(): print(row[0])
