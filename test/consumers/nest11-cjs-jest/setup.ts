// Jest: the ActiveJob matchers' types for Jest's expect (types only; registering them is expect.extend).
import 'nestjs-active-job/testing/jest';
