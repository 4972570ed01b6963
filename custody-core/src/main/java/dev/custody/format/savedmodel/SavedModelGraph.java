package dev.custody.format.savedmodel;

import dev.custody.format.protobuf.MalformedProtoException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a SavedModel holds that a scanner judges, as far as it could be read.
 *
 * @param metaGraphs how many meta graphs the file has (one per set of tags, e.g. {@code serve})
 * @param nodes every operation of every graph and library function, in file order
 * @param functions the names of every function defined in a library ({@code FunctionDef})
 * @param failure why reading stopped early, or null if it read to the end
 */
public record SavedModelGraph(
    int metaGraphs,
    List<Node> nodes,
    List<String> functions,
    @Nullable MalformedProtoException failure) {

  /** Copies the lists. */
  public SavedModelGraph {
    nodes = List.copyOf(nodes);
    functions = List.copyOf(functions);
  }

  /** True when the whole file was read. */
  public boolean completed() {
    return failure == null;
  }

  /**
   * One operation ({@code NodeDef}).
   *
   * @param scope where it is: {@code meta graph 0} or {@code meta graph 0 > function 'f'}; names in
   *     {@link #inputs()} refer to operations of the same scope
   * @param name the operation's name
   * @param op the operation type (a registered op or a library function)
   * @param inputs its inputs as written ({@code node:0}, {@code ^control}, {@code node:out:0})
   * @param stringAttributes every string attribute value, by attribute name ({@code s} and {@code
   *     list.s}, also inside function attributes)
   * @param functionRefs every function named in its attributes ({@code func}, {@code list.func})
   * @param tensorStrings the string elements of tensors in its attributes (a {@code Const}'s value)
   * @param offset byte offset of the NodeDef in the file
   */
  public record Node(
      String scope,
      String name,
      String op,
      List<String> inputs,
      Map<String, List<String>> stringAttributes,
      List<String> functionRefs,
      List<String> tensorStrings,
      long offset) {

    /** Copies the collections. */
    public Node {
      inputs = List.copyOf(inputs);
      stringAttributes = Map.copyOf(stringAttributes);
      functionRefs = List.copyOf(functionRefs);
      tensorStrings = List.copyOf(tensorStrings);
    }

    /** The same operation in another scope. */
    Node in(String newScope) {
      return new Node(
          newScope, name, op, inputs, stringAttributes, functionRefs, tensorStrings, offset);
    }
  }
}
