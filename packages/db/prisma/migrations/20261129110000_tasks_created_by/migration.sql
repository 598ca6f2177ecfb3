-- Who created the task, on the task itself: its history's "created" event is read from here
-- instead of a task_events row written per task. A bulk create wrote as many event rows (and index
-- entries) as tasks, about a third of its work in the database. Tasks created before this keep
-- their stored event and have no created_by.
ALTER TABLE "tasks" ADD COLUMN "created_by" TEXT;
