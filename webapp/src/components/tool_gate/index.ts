export {default} from './tool_gate';
