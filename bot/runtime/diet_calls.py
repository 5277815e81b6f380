"""DIET's prediction graph is called directly, without TensorFlow's per-call dispatch.

Rasa wraps the predict step in a `tf.function` with a fixed input signature, so there is one
concrete graph. Calling the `tf.function` still looks that graph up on every call: it
canonicalises the 10 input arrays against the signature and builds a cache key from them, a
tenth of DIET's CPU per message. Here the concrete graph is taken once and called with the
inputs converted to the signature's dtypes; the outputs are the same tensors.
"""

from __future__ import annotations

from typing import Any

from bot.runtime.patching import patch_once


def direct_call(step: Any) -> Any:
    """A function equal to calling `step` (a tf.function with an input signature) on a batch."""
    from tensorflow import convert_to_tensor
    from tensorflow.python.util import nest

    concrete = step.get_concrete_function()
    dtypes = [spec.dtype for spec in nest.flatten(step.input_signature)]

    def call(batch_in: Any) -> Any:
        arrays = nest.flatten(batch_in)
        if len(arrays) != len(dtypes):
            return step(batch_in)
        tensors = [convert_to_tensor(array, dtype=dtype)
                   for array, dtype in zip(arrays, dtypes, strict=True)]
        return concrete._call_flat(tensors, concrete.captured_inputs)

    return call


def predict_directly(rasa_predict: Any) -> Any:
    """Wrap `RasaModel._rasa_predict`: after its first call, call the concrete graph."""
    def _rasa_predict(self: Any, batch_in: Any) -> Any:
        step = getattr(self, "_tf_predict_step", None)
        if self._run_eagerly or step is None or step.input_signature is None:
            return rasa_predict(self, batch_in)
        self._training = False
        call = self.__dict__.get("_direct_call")
        if call is None or call[0] is not step:
            call = self.__dict__["_direct_call"] = (step, direct_call(step))
        return finish(self, call[1](batch_in))

    return _rasa_predict


def finish(model: Any, outputs: Any) -> Any:
    """What Rasa does with the graph's outputs: numpy values, empty diagnostics as None."""
    from keras.utils import tf_utils
    from rasa.shared.constants import DIAGNOSTIC_DATA

    outputs = tf_utils.sync_to_numpy_or_python_type(outputs)
    if DIAGNOSTIC_DATA in outputs:
        outputs[DIAGNOSTIC_DATA] = model._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
    return outputs


def install() -> None:
    """Call Rasa's TensorFlow models' prediction graphs directly (idempotent)."""
    from rasa.utils.tensorflow.models import RasaModel

    patch_once(RasaModel, "_rasa_predict", predict_directly, wraps=True)
