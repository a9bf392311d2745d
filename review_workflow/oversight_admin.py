"""The coordinators' oversight dashboard and the export of a submission's complete record."""
