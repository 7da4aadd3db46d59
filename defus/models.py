# The outbox model is defined in the kernel (kernel.tasks writes it) and belongs to this app: its table,
# migrations and permissions stay "defus".
from kernel.outbox import OutboxTask

__all__ = ["OutboxTask"]
