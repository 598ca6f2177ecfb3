-- Media dropped on a project is refused when the project already holds a file with the same bytes:
-- each upload looks its content hash up among its organization's files.
CREATE INDEX "files_organization_id_is_test_sha256_idx" ON "files"("organization_id", "is_test", "sha256");
