"""Per-sender queue: one message at a time to Rasa, a bounded queue, nothing left behind."""

import asyncio

import pytest

from bot.web.sender_queue import SenderBusy, SenderQueue


async def test_messages_of_one_sender_go_one_at_a_time_in_order():
    queue, inside, order = SenderQueue(max_waiting=10), [], []

    async def message(index: int) -> None:
        async with queue.turn("s1"):
            inside.append(index)
            assert len(inside) == 1
            await asyncio.sleep(0.01)
            order.append(index)
            inside.remove(index)

    await asyncio.gather(*(message(i) for i in range(5)))
    assert order == [0, 1, 2, 3, 4]
    assert len(queue) == 0


async def test_other_senders_do_not_wait():
    queue, started = SenderQueue(), asyncio.Event()

    async def slow() -> None:
        async with queue.turn("s1"):
            started.set()
            await asyncio.sleep(10)

    task = asyncio.create_task(slow())
    await started.wait()
    async with asyncio.timeout(1):
        async with queue.turn("s2"):
            pass
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(queue) == 0


async def test_a_full_queue_refuses_the_next_message():
    queue, release = SenderQueue(max_waiting=2), asyncio.Event()

    async def held() -> None:
        async with queue.turn("s1"):
            await release.wait()

    tasks = [asyncio.create_task(held()) for _ in range(3)]  # one in flight, two waiting
    await asyncio.sleep(0)
    with pytest.raises(SenderBusy):
        async with queue.turn("s1"):
            pass
    release.set()
    await asyncio.gather(*tasks)
    assert len(queue) == 0
